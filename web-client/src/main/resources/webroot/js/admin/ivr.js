// The IVR editor: a call flow as a tree the admin edits (pick a step, change its fields, add menu items up to 7, point
// a branch at another step or a new one), checked by the server while editing (the validator's rule that every path
// reaches a human or a voicemail: a step on a path that does not is marked red), prompts picked from the library and
// played, an own prompt uploaded (converted to 8 kHz by the server), and "test this flow" with digits and a time.

import { documents } from './documents.js';
import { el, field, group, row } from './fields.js';
import { promptPicker, promptUpload } from './prompt-library.js';

export const MAX_MENU_ITEMS = 7;
/** The step shown in each flow's editor, kept across renders (a render gets a new ctx). */
const chosen = new Map();
const TYPES = ['menu', 'play', 'hours', 'queue', 'voicemail', 'callback', 'cascade', 'customer', 'block-list',
  'vip-list', 'hangup'];
/** Each type's fields: [key, what] (what: prompt, step, queue, schedule, list, number, text, lines). */
const FIELDS = {
  menu: [['prompt', 'prompt'], ['timeout', 'number'], ['retries', 'number'], ['default', 'step']],
  play: [['prompt', 'prompt'], ['next', 'step']],
  hours: [['schedule', 'schedule'], ['zone', 'text'], ['week', 'week'], ['holidays', 'lines'], ['open', 'step'],
    ['closed', 'step'], ['holiday', 'step']],
  // The callback offer while waiting: the key books a callback that keeps the caller's place (docs/routing.md).
  queue: [['queue', 'queue'], ['priority', 'number'], ['callbackDigit', 'text'], ['callbackPrompt', 'prompt']],
  voicemail: [['mailbox', 'text']],
  callback: [['queue', 'queue']],
  cascade: [['queue', 'queue']],
  customer: [['known', 'step'], ['new', 'step']],
  'block-list': [['list', 'list'], ['numbers', 'lines'], ['next', 'step']],
  'vip-list': [['list', 'list'], ['numbers', 'lines'], ['next', 'step']],
  hangup: [['prompt', 'prompt']],
};
const TEMPLATES = {
  menu: () => ({ type: 'menu', prompt: 'main-menu', timeout: 5, retries: 2, options: {} }),
  queue: (ctx) => ({ type: 'queue', queue: ctx.draft.ids('queue')[0] ?? '' }),
  voicemail: () => ({ type: 'voicemail', mailbox: 'general' }),
  hours: (ctx) => (ctx.draft.ids('schedule').length ? { type: 'hours', schedule: ctx.draft.ids('schedule')[0] }
    : { type: 'hours', zone: 'Europe/Berlin', week: { 'mon-fri': '09:00-18:00' } }),
  play: () => ({ type: 'play', prompt: 'welcome' }),
};

/** The branches of a step, in the tree's order: [{label, key (path under the step), target}]. */
export function branches(step) {
  const out = [];
  if (!step) return out;
  if (step.type === 'menu') {
    for (const [digit, target] of Object.entries(step.options ?? {})) out.push({ label: digit, key: `options/${digit}`, target });
  }
  for (const [key, what] of FIELDS[step.type] ?? []) {
    if (what === 'step' && step[key]) out.push({ label: key, key, target: step[key] });
  }
  return out;
}

/** Step ids the server's problems name: the end of a path that reaches no human, the whole path, unknown steps. */
export function badSteps(problems) {
  const bad = new Set();
  for (const p of problems) {
    const text = String(p);
    const path = /path (.+?) (cannot reach|loops)/.exec(text);
    if (path) for (const part of path[1].split(' -> ')) bad.add(part.replace(/ \[.*\]$/, '').trim());
    for (const m of text.matchAll(/step '([^']+)'/g)) bad.add(m[1]);
    for (const m of text.matchAll(/steps\.([A-Za-z0-9_-]+)/g)) bad.add(m[1]);
  }
  return bad;
}

function stepId(steps, type) {
  let n = 1;
  while (steps[`${type}-${n}`]) n += 1;
  return `${type}-${n}`;
}

function weekLines(week) {
  return Object.entries(week ?? {}).map(([days, hours]) => `${days} ${[].concat(hours).join(', ')}`);
}

function weekOf(lines) {
  const out = {};
  for (const line of lines ?? []) {
    const [days, ...hours] = line.trim().split(/\s+/);
    if (days) out[days] = hours.join('').split(',').filter(Boolean);
  }
  return Object.keys(out).length ? out : undefined;
}

async function form(body, ctx, id) {
  const { t } = ctx;
  const base = `flow/${id}`;
  const flow = ctx.get(base) ?? {};
  const steps = flow.steps ?? {};
  const selected = steps[chosen.get(id)] ? chosen.get(id) : flow.entry;
  const status = el('p', { class: 'hint', id: 'ivr-status', role: 'status' });
  const tree = el('ul', { class: 'ivr-tree', id: 'ivr-tree', 'aria-labelledby': 'ivr-tree-heading' });
  const editor = el('div', { class: 'ivr-step', id: 'ivr-step' });

  const select = (stepIdToShow) => {
    chosen.set(id, stepIdToShow);
    ctx.rerender();
  };
  const draw = (problems) => {
    const bad = badSteps(problems);
    const shown = new Set();
    const node = (sid, label) => {
      const step = steps[sid];
      const item = el('li', { class: 'ivr-node', dataset: { step: sid } });
      const again = shown.has(sid);
      shown.add(sid);
      const button = el('button', {
        type: 'button', class: `ivr-node__step${bad.has(sid) ? ' ivr-node--bad' : ''}${sid === selected ? ' ivr-node--selected' : ''}`,
        dataset: { step: sid, bad: bad.has(sid) ? 'true' : undefined },
        'aria-current': sid === selected ? 'true' : undefined,
        onclick: () => select(sid),
      }, label ? el('span', { class: 'ivr-node__digit' }, /^[0-9*#]$/.test(label) ? label : t(`console.ivr.field.${label}`))
        : null,
      el('span', { class: 'ivr-node__id' }, sid),
      el('span', { class: 'ivr-node__type' }, step ? t(`console.ivr.type.${step.type}`) : t('console.ivr.missing')),
      bad.has(sid) ? el('span', { class: 'ivr-node__warn' }, t('console.ivr.noHuman')) : null,
      again ? el('span', { class: 'hint' }, ` ↩ ${t('console.ivr.seenAbove')}`) : null);
      item.append(button);
      const children = again ? [] : branches(step);
      if (children.length) {
        item.append(el('ul', {}, ...children.map((b) => node(b.target, b.label))));
      }
      return item;
    };
    tree.replaceChildren(flow.entry ? node(flow.entry, null) : el('li', {}, t('console.ivr.noEntry')));
    // Steps nothing leads to are problems too: shown apart, so they can be chosen and removed.
    const stray = Object.keys(steps).filter((s) => !shown.has(s));
    if (stray.length) {
      stray.forEach((s) => bad.add(s));
      tree.append(el('li', { class: 'ivr-node' }, el('span', { class: 'hint' }, t('console.ivr.unreachable')),
        el('ul', {}, ...stray.map((s) => node(s, null)))));
    }
    status.textContent = problems.length ? problems.join(' · ') : t('console.ivr.allReachHuman');
    status.classList.toggle('field__error', problems.length > 0);
  };
  const check = async () => {
    try {
      const answer = await ctx.api('/api/flows/check', { method: 'POST', body: { id, flow: { ...ctx.get(base), id } } });
      draw(answer.problems ?? []);
    } catch (e) {
      draw([e.message]);
    }
  };
  draw([]);
  check();

  // The chosen step's fields.
  const step = steps[selected];
  if (step) {
    const at = `${base}/steps/${selected}`;
    const targetOptions = [['', t('console.ivr.none')], ...Object.keys(steps).map((s) => [s, s]),
      ...TYPES.map((type) => [`new:${type}`, t('console.ivr.newStep', { type: t(`console.ivr.type.${type}`) })])];
    const pointAt = (path) => (v) => {
      if (v && v.startsWith('new:')) {
        const type = v.slice(4);
        const newId = stepId(steps, type);
        ctx.update(`${base}/steps/${newId}`, (TEMPLATES[type] ?? (() => ({ type })))(ctx));
        ctx.update(path, newId);
        chosen.set(id, newId);
      } else {
        ctx.update(path, v || undefined);
      }
      ctx.rerender();
    };
    const fields = [];
    for (const [key, what] of FIELDS[step.type] ?? []) {
      const path = `${at}/${key}`;
      const label = t(`console.ivr.field.${key}`);
      ctx.label(path, label);
      if (what === 'step') {
        fields.push(field(ctx, { path, label, type: 'select', options: targetOptions, value: step[key] ?? '',
          onChange: pointAt(path) }));
      } else if (what === 'prompt') {
        fields.push(await promptPicker(ctx, path, label, flow.language ?? 'en'));
      } else if (what === 'queue' || what === 'schedule' || what === 'list') {
        fields.push(field(ctx, { path, label, type: 'select', value: step[key] ?? '',
          options: [['', t('console.ivr.none')], ...ctx.draft.ids(what).map((q) => [q, ctx.get(`${what}/${q}/name`) ?? q])] }));
      } else if (what === 'week') {
        fields.push(field(ctx, { path, label, type: 'lines', rows: 3, value: weekLines(step.week),
          hint: t('console.ivr.weekHint'), onChange: (lines) => ctx.update(path, weekOf(lines)) }));
      } else {
        fields.push(field(ctx, { path, label, type: what === 'number' ? 'number' : what,
          hint: key === 'holidays' ? t('console.ivr.holidaysHint') : undefined }));
      }
    }
    if (step.type === 'menu') {
      const options = Object.entries(step.options ?? {});
      for (const [digit, target] of options) {
        const path = `${at}/options/${digit}`;
        ctx.label(path, t('console.ivr.option', { digit }));
        fields.push(row(field(ctx, { path, label: t('console.ivr.option', { digit }), type: 'select',
          options: targetOptions, value: target, onChange: pointAt(path) }),
        el('button', { type: 'button', class: 'button button--small button--danger',
          'aria-label': t('console.ivr.removeOption', { digit }),
          onclick: () => { ctx.update(path, undefined); ctx.rerender(); } }, t('admin.delete'))));
      }
      const free = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].find((d) => !(step.options ?? {})[d]);
      const full = options.length >= MAX_MENU_ITEMS;
      const kind = el('select', { id: 'ivr-option-type', 'aria-label': t('console.ivr.optionType') },
        ...TYPES.filter((type) => type !== 'customer').map((type) => el('option', { value: type }, t(`console.ivr.type.${type}`))));
      kind.value = 'queue';
      fields.push(el('div', { class: 'console-row' }, kind, el('button', { type: 'button', class: 'button button--small',
        id: 'ivr-add-option', disabled: full || !free,
        onclick: () => pointAt(`${at}/options/${free}`)(`new:${kind.value}`) },
      t('console.ivr.addOption', { digit: free ?? '' }))),
      full ? el('p', { class: 'hint' }, t('console.ivr.menuFull', { max: MAX_MENU_ITEMS })) : null);
    }
    const remove = selected !== flow.entry ? el('button', { type: 'button', class: 'button button--small button--danger',
      id: 'ivr-remove-step', onclick: () => { ctx.update(at, undefined); chosen.set(id, flow.entry); ctx.rerender(); } },
    t('console.ivr.removeStep')) : null;
    editor.append(el('h4', { id: 'ivr-step-heading' }, t('console.ivr.step', { id: selected, type: t(`console.ivr.type.${step.type}`) })),
      ...fields, remove);
  }

  body.append(
    group(t('console.ivr.general'), row(
      field(ctx, { path: `${base}/language`, label: t('console.ivr.language'), type: 'select', value: flow.language ?? 'en',
        options: [['en', 'English'], ['ru', 'Русский'], ['uk', 'Українська']] }),
      field(ctx, { path: `${base}/entry`, label: t('console.ivr.entry'), type: 'select', value: flow.entry ?? '',
        options: [...Object.keys(steps).map((s) => [s, s]), ...['hours', 'play', 'menu'].map((type) => [`new:${type}`,
          t('console.ivr.newFirst', { type: t(`console.ivr.type.${type}`) })])],
        onChange: (v) => {
          if (v.startsWith('new:')) {
            // A new first step before the old one: opening hours or a greeting leading to what was first.
            const type = v.slice(4);
            const newId = stepId(steps, type);
            const step = (TEMPLATES[type] ?? (() => ({ type })))(ctx);
            if (flow.entry) step[type === 'hours' ? 'open' : type === 'play' ? 'next' : 'default'] = flow.entry;
            ctx.update(`${base}/steps/${newId}`, step);
            ctx.update(`${base}/entry`, newId);
            chosen.set(id, newId);
          } else {
            ctx.update(`${base}/entry`, v);
          }
          ctx.rerender();
        } }))),
    el('div', { class: 'ivr-grid' }, el('section', { 'aria-labelledby': 'ivr-tree-heading' },
      el('h4', { id: 'ivr-tree-heading' }, t('console.ivr.tree')), tree, status), editor),
    group(t('console.prompt.title'), promptUpload(ctx, flow.language ?? 'en')),
    simulator(ctx, id, base),
  );
}

function simulator(ctx, id, base) {
  const { t } = ctx;
  const digits = el('input', { id: 'sim-digits', type: 'text', inputmode: 'numeric', autocomplete: 'off',
    pattern: '[0-9*#]*', maxlength: 20 });
  const now = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  const at = el('input', { id: 'sim-at', type: 'datetime-local', value: now });
  const out = el('ol', { class: 'ivr-sim', id: 'sim-result', 'aria-live': 'polite' });
  const run = el('form', { class: 'console-row', id: 'sim-form', novalidate: true },
    el('div', { class: 'field' }, el('label', { for: 'sim-digits' }, t('console.ivr.sim.digits')), digits),
    el('div', { class: 'field' }, el('label', { for: 'sim-at' }, t('console.ivr.sim.at')), at),
    el('button', { type: 'submit', class: 'button', id: 'sim-run' }, t('console.ivr.sim.run')));
  run.addEventListener('submit', async (event) => {
    event.preventDefault();
    out.replaceChildren();
    try {
      const result = await ctx.api('/api/flows/simulate', { method: 'POST', body: {
        flow: { ...ctx.get(base), id }, digits: digits.value.trim(), at: new Date(at.value).toISOString() } });
      if (result.problems) {
        out.append(...result.problems.map((p) => el('li', { class: 'field__error' }, p)));
        return;
      }
      for (const e of result.events) {
        const what = e.decisions.map((d) => describe(t, d)).filter(Boolean).join('; ');
        out.append(el('li', {}, el('strong', {}, e.event === 'start' ? t('console.ivr.sim.start')
          : e.event === 'timeout' ? t('console.ivr.sim.timeout') : t('console.ivr.sim.digit', { digit: e.event.slice(6) })),
        ` → ${e.step ?? '—'}${what ? `: ${what}` : ''}`));
      }
      out.append(el('li', { id: 'sim-outcome' }, el('strong', {}, t('console.ivr.sim.outcome')), ' ',
        t(`console.ivr.sim.phase.${result.phase}`), ` (${result.step ?? '—'})`));
    } catch (e) {
      out.append(el('li', { class: 'field__error' }, e.message));
    }
  });
  return group(t('console.ivr.sim.title'), el('p', { class: 'hint' }, t('console.ivr.sim.hint')), run, out);
}

function describe(t, d) {
  switch (d.type) {
    case 'PlayPrompt': return t('console.ivr.sim.play', { prompt: d.promptId });
    case 'Enqueue': return t('console.ivr.sim.enqueue', { queue: d.queueId });
    case 'StartVoicemail': return t('console.ivr.sim.voicemail', { mailbox: d.mailbox });
    case 'Hangup': return t('console.ivr.sim.hangup');
    case 'CollectDigits': return null;
    default: return d.type;
  }
}

export default {
  id: 'ivr',
  titleKey: 'console.section.ivr',
  render(container, ctx) {
    return documents(container, ctx, {
      kind: 'flow', section: 'ivr', form,
      template: () => ({ language: 'en', entry: 'menu', steps: {
        menu: { type: 'menu', prompt: 'main-menu', timeout: 5, retries: 2, options: {}, default: 'queue' },
        queue: TEMPLATES.queue(ctx) } }),
      summary: (doc) => `${Object.keys(doc?.steps ?? {}).length} ${ctx.t('console.ivr.steps')}`,
    });
  },
};
