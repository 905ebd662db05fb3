// Numbers: the hotline numbers callers dial, each with the call flow it runs and the trunk it arrives on. This is the
// one place a number is written: the trunk carries it from here (the gateway derives its dialled numbers), so a new
// number needs no second edit in the trunk.

import { el, field } from './fields.js';

const E164 = /^\+[1-9][0-9]{1,14}$/;
const BASE = 'entry-points/default/numbers';

function flowOf(value) {
  return value && typeof value === 'object' ? value.flow : value;
}

function trunkOf(value) {
  return value && typeof value === 'object' ? value.trunk : undefined;
}

function valueOf(flow, trunk) {
  return trunk ? { flow, trunk } : flow;
}

function options(ctx, kind, none) {
  return [['', ctx.t(none)], ...ctx.draft.ids(kind).map((id) => [id, id])];
}

function render(container, ctx) {
  const { t } = ctx;
  if (ctx.get('entry-points/default') === undefined && ctx.canEdit) ctx.update('entry-points/default', { numbers: {} });
  const numbers = ctx.get(BASE) ?? {};
  const rows = Object.keys(numbers).sort().map((number) => {
    const value = numbers[number];
    const path = `${BASE}/${number}`;
    ctx.label(path, number);
    return el('tr', { dataset: { number } },
      el('th', { scope: 'row' }, number),
      el('td', {}, field(ctx, {
        path: `${path}/flow`, label: t('console.numbers.flow'), type: 'select', value: flowOf(value) ?? '',
        options: options(ctx, 'flow', 'console.numbers.pick'),
        onChange: (v) => ctx.update(path, valueOf(v, trunkOf(ctx.get(path)))),
      })),
      el('td', {}, field(ctx, {
        path: `${path}/trunk`, label: t('console.numbers.trunk'), type: 'select', value: trunkOf(value) ?? '',
        options: options(ctx, 'trunk', 'console.numbers.anyTrunk'),
        onChange: (v) => ctx.update(path, valueOf(flowOf(ctx.get(path)), v)),
      })),
      el('td', {}, el('button', {
        type: 'button', class: 'button button--small button--danger', 'aria-label': t('console.numbers.remove', { number }),
        onclick: () => {
          ctx.update(path, undefined);
          ctx.rerender();
        },
      }, t('admin.delete'))));
  });
  const table = el('table', { class: 'table', id: 'numbers' },
    el('thead', {}, el('tr', {}, ...['console.numbers.number', 'console.numbers.flow', 'console.numbers.trunk']
      .map((k) => el('th', { scope: 'col' }, t(k))), el('th', { scope: 'col' }, ''))),
    el('tbody', {}, ...rows));

  const number = el('input', { id: 'new-number', type: 'tel', autocomplete: 'off', placeholder: '+4930555001',
    'aria-describedby': 'new-number-hint' });
  const flow = el('select', { id: 'new-number-flow' }, ...options(ctx, 'flow', 'console.numbers.pick')
    .map(([v, text]) => el('option', { value: v }, text)));
  const trunk = el('select', { id: 'new-number-trunk' }, ...options(ctx, 'trunk', 'console.numbers.anyTrunk')
    .map(([v, text]) => el('option', { value: v }, text)));
  const error = el('p', { class: 'field__error', id: 'new-number-error', role: 'alert', hidden: true });
  const add = el('form', { class: 'admin-new console-row', id: 'add-number', novalidate: true, hidden: !ctx.canEdit },
    el('div', { class: 'field' }, el('label', { for: 'new-number' }, t('console.numbers.number')), number,
      el('p', { class: 'hint', id: 'new-number-hint' }, t('console.numbers.numberHint'))),
    el('div', { class: 'field' }, el('label', { for: 'new-number-flow' }, t('console.numbers.flow')), flow),
    el('div', { class: 'field' }, el('label', { for: 'new-number-trunk' }, t('console.numbers.trunk')), trunk),
    el('button', { type: 'submit', class: 'button button--small', id: 'add-number-button' }, t('console.numbers.add')),
    error);
  add.addEventListener('submit', (event) => {
    event.preventDefault();
    const n = number.value.replace(/[\s()-]/g, '');
    const problem = !E164.test(n) ? t('console.numbers.numberHint')
      : numbers[n] !== undefined ? t('admin.error.exists')
        : !flow.value ? t('console.numbers.pickFlow') : null;
    error.hidden = !problem;
    error.textContent = problem ?? '';
    if (problem) {
      number.focus();
      return;
    }
    ctx.update(`${BASE}/${n}`, valueOf(flow.value, trunk.value || undefined));
    ctx.rerender();
  });
  const save = el('div', { class: 'admin-actions', hidden: !ctx.canEdit },
    el('button', { type: 'button', class: 'button button--primary', id: 'numbers-save',
      onclick: () => ctx.save(t('console.numbers.saveNote')) }, t('admin.save')));
  container.replaceChildren(el('p', { class: 'hint' }, t('console.numbers.explain')), table, add, save);
}

export default {
  id: 'numbers',
  titleKey: 'console.section.numbers',
  render,
};
