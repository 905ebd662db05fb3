// The diff the admin confirms before a save: per document, what it was and what it becomes, field by field in words
// (labels from the forms), never as JSON. Resolves true on "Save and apply", false on Cancel or Escape.

import { t } from '../i18n.js';
import { fieldChanges } from './draft.js';
import { el } from './fields.js';

/** Shown instead of a secret's value: the dialog may be seen over the admin's shoulder or on a shared screen. */
const HIDDEN = '••••';

/** A field that holds a secret (a trunk's SIP password, ...): its path's last part names it. */
export function isSecret(path) {
  return /(^|\/)[^/]*(password|secret)$/i.test(path);
}

export function describe(value) {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return t(value ? 'console.yes' : 'console.no');
  if (Array.isArray(value)) return value.length ? value.map(describe).join(', ') : '—';
  if (typeof value === 'object') {
    const parts = Object.entries(value).map(([k, v]) => `${k}: ${isSecret(k) && v ? HIDDEN : describe(v)}`);
    return parts.length ? parts.join('; ') : '—';
  }
  return String(value);
}

/** A secret's side of the diff: whether there is one and that it changes, never what it is. */
function describeSecret(value, changed) {
  if (value === undefined || value === null || value === '') return '—';
  return changed ? t('console.diff.secretChanged', { hidden: HIDDEN }) : HIDDEN;
}

function labelOf(labels, kind, id, path) {
  const exact = labels.get(`${kind}/${id}/${path}`);
  if (exact) return exact;
  const parts = path.split('/');
  for (let n = parts.length - 1; n > 0; n -= 1) {
    const parent = labels.get(`${kind}/${id}/${parts.slice(0, n).join('/')}`);
    if (parent) return `${parent} › ${parts.slice(n).join(' › ')}`;
  }
  return path.split('/').join(' › ');
}

export function showDiff(dialog, changes, { message = '', labels = new Map() } = {}) {
  const body = dialog.querySelector('[data-diff-body]');
  dialog.querySelector('[data-diff-title]').textContent = message
    ? t('console.diff.titleWith', { message }) : t('console.diff.title');
  body.replaceChildren(...changes.map((c) => {
    const state = c.before === undefined ? 'created' : c.after === undefined ? 'deleted' : 'changed';
    const rows = fieldChanges(c.before, c.after).map((f) => el('tr', { dataset: { path: f.path } },
      el('th', { scope: 'row' }, labelOf(labels, c.kind, c.id, f.path)),
      el('td', { class: 'console-diff__before' }, isSecret(f.path) ? describeSecret(f.before, false) : describe(f.before)),
      el('td', { class: 'console-diff__after' }, isSecret(f.path) ? describeSecret(f.after, true) : describe(f.after))));
    return el('section', { class: 'console-diff__doc', dataset: { kind: c.kind, id: c.id, state } },
      el('h3', {}, t(`console.diff.${state}`, { what: t(`console.kind.${c.kind}`), id: c.id })),
      rows.length ? el('table', { class: 'table console-diff__table' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('console.diff.field')),
          el('th', { scope: 'col' }, t('console.diff.before')), el('th', { scope: 'col' }, t('console.diff.after')))),
        el('tbody', {}, ...rows)) : null);
  }));
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    dialog.querySelector('[value=cancel]').focus();
  });
}
