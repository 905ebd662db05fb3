// Not-ready reasons (the settings document: agents pick one when they step away) and dispositions (the outcomes
// agents pick in wrap-up, /api/dispositions, with labels in the three languages; retired rather than deleted, so old
// calls keep their outcome).

import { ApiError } from '../api.js';
import { el, group } from './fields.js';

const ENGINE = ['login', 'ring-no-answer'];
const DEFAULT_REASONS = ['break', 'lunch', 'training', 'meeting', 'after_call_work'];
const CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

function reasonsEditor(ctx) {
  const { t } = ctx;
  const path = 'settings/default/notReadyReasons';
  ctx.label(path, t('console.reasons.notReady'));
  const reasons = ctx.get(path) ?? DEFAULT_REASONS;
  const write = (list) => {
    if (ctx.get('settings/default') === undefined) ctx.update('settings/default', {});
    ctx.update(path, list);
  };
  const rows = reasons.map((r, i) => {
    const input = el('input', { type: 'text', value: r, 'aria-label': t('console.reasons.code'), spellcheck: 'false',
      dataset: { path: `${path}/${i}`, reason: r } });
    input.addEventListener('change', () => {
      const now = [...(ctx.get(path) ?? reasons)];
      now[i] = input.value.trim();
      write(now.filter(Boolean));
    });
    const remove = el('button', { type: 'button', class: 'button button--small',
      'aria-label': t('console.removeNamed', { name: r }) }, t('console.remove'));
    remove.addEventListener('click', () => {
      const now = [...(ctx.get(path) ?? reasons)];
      now.splice(i, 1);
      write(now);
      ctx.rerender();
    });
    return el('div', { class: 'console-item' }, input, el('span', { class: 'hint' }, t(`agent.reason.${r}`) !== `agent.reason.${r}` ? t(`agent.reason.${r}`) : ''), remove);
  });
  const fresh = el('input', { type: 'text', id: 'new-reason', spellcheck: 'false', autocomplete: 'off' });
  const add = el('button', { type: 'button', class: 'button button--small', id: 'add-reason' }, t('console.reasons.add'));
  add.addEventListener('click', () => {
    const code = fresh.value.trim();
    if (!code) {
      fresh.focus();
      return;
    }
    write([...(ctx.get(path) ?? reasons), code]);
    ctx.rerender();
  });
  const save = el('button', { type: 'button', class: 'button button--primary', id: 'reasons-save', hidden: !ctx.canEdit },
    t('admin.save'));
  save.addEventListener('click', () => ctx.save(t('console.reasons.notReady')));
  return group(t('console.reasons.notReady'),
    el('p', { class: 'hint' }, t('console.reasons.notReadyHint', { engine: ENGINE.join(', ') })),
    el('div', { class: 'console-items', 'data-path': path }, ...rows),
    el('div', { class: 'console-item' },
      el('div', { class: 'field' }, el('label', { for: fresh.id }, t('console.reasons.code')), fresh), add),
    el('div', { class: 'admin-actions' }, save));
}

async function dispositionsEditor(ctx) {
  const { t } = ctx;
  let items = [];
  try {
    items = (await ctx.api('/api/dispositions')).items ?? [];
  } catch (e) {
    return el('p', { class: 'status', dataset: { tone: 'error' } }, `${t('admin.error.failed')} ${e.message}`);
  }
  const error = el('p', { class: 'field__error', id: 'disposition-error', role: 'alert', hidden: true });
  const saveOne = async (before, after, isNew) => {
    const lines = ['en', 'ru', 'uk'].map((l) => `${l}: ${before?.labels?.[l] ?? '—'} → ${after.labels[l]}`);
    if (before && before.active !== after.active) lines.push(`${t('console.disposition.active')}: ${after.active ? t('console.yes') : t('console.no')}`);
    if (!(await ctx.confirm(`${t(isNew ? 'console.disposition.confirmNew' : 'console.disposition.confirm', { code: after.code })}\n${lines.join('\n')}`, t('admin.save')))) return;
    try {
      if (isNew) await ctx.api('/api/dispositions', { method: 'POST', body: after });
      else await ctx.api(`/api/dispositions/${encodeURIComponent(after.code)}`, { method: 'PUT', body: after });
      ctx.notice(t('console.disposition.saved', { code: after.code }), 'ok');
      ctx.rerender();
    } catch (e) {
      error.hidden = false;
      error.textContent = e instanceof ApiError ? e.message : String(e);
    }
  };
  const rows = items.map((d) => {
    const inputs = Object.fromEntries(['en', 'ru', 'uk'].map((l) => [l, el('input', { type: 'text', value: d.labels?.[l] ?? '',
      'aria-label': t('console.disposition.label', { code: d.code, lang: l.toUpperCase() }), dataset: { code: d.code, lang: l } })]));
    const active = el('input', { type: 'checkbox', checked: d.active !== false, id: `active-${d.code}` });
    const save = el('button', { type: 'button', class: 'button button--small', hidden: !ctx.canEdit,
      dataset: { saveDisposition: d.code } }, t('admin.save'));
    save.addEventListener('click', () => saveOne(d, {
      code: d.code, labels: { en: inputs.en.value.trim(), ru: inputs.ru.value.trim(), uk: inputs.uk.value.trim() },
      active: active.checked, order: d.order,
    }, false));
    return el('tr', { dataset: { code: d.code } }, el('th', { scope: 'row' }, d.code),
      el('td', {}, inputs.en), el('td', {}, inputs.ru), el('td', {}, inputs.uk),
      el('td', {}, el('label', { class: 'check', for: active.id }, active, ' ', t('console.disposition.active'))),
      el('td', {}, save));
  });
  const code = el('input', { type: 'text', id: 'new-disposition', spellcheck: 'false', autocomplete: 'off' });
  const labels = Object.fromEntries(['en', 'ru', 'uk'].map((l) => [l, el('input', { type: 'text', id: `new-disposition-${l}` })]));
  const add = el('button', { type: 'button', class: 'button button--small', id: 'add-disposition', hidden: !ctx.canEdit },
    t('console.disposition.add'));
  add.addEventListener('click', () => {
    const value = code.value.trim();
    if (!CODE.test(value)) {
      error.hidden = false;
      error.textContent = t('console.disposition.codeHint');
      code.focus();
      return;
    }
    saveOne(null, { code: value, labels: { en: labels.en.value.trim(), ru: labels.ru.value.trim(), uk: labels.uk.value.trim() },
      active: true, order: (items.length + 1) * 10 }, true);
  });
  return group(t('console.disposition.title'), el('p', { class: 'hint' }, t('console.disposition.hint')),
    el('table', { class: 'table', id: 'dispositions' }, el('thead', {}, el('tr', {},
      ...['console.reasons.code', 'English', 'Русский', 'Українська', 'console.disposition.active', '']
        .map((k) => el('th', { scope: 'col' }, k.startsWith('console.') ? t(k) : k)))), el('tbody', {}, ...rows)),
    el('div', { class: 'console-row' },
      el('div', { class: 'field' }, el('label', { for: code.id }, t('console.reasons.code')), code),
      ...['en', 'ru', 'uk'].map((l) => el('div', { class: 'field' }, el('label', { for: labels[l].id }, l.toUpperCase()), labels[l]))),
    el('div', { class: 'admin-actions' }, add), error);
}

export default {
  id: 'reasons',
  titleKey: 'console.section.reasons',
  async render(container, ctx) {
    container.append(reasonsEditor(ctx), await dispositionsEditor(ctx));
    if (!ctx.canEdit) for (const input of container.querySelectorAll('input, button, select')) input.disabled = true;
  },
};
