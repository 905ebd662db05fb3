// One kind of configuration document as a list and a form: the documents on the left (new ones too), the chosen one's
// form on the right with Save (diff first), Delete, and its versions with their authors and a rollback. Sections
// of kinds with many documents (queues, agents, groups, schedules, lists) are this plus their form.

import * as config from './config-api.js';
import { el } from './fields.js';
import { formatTime } from './format.js';

/**
 * @param {HTMLElement} container
 * @param {object} ctx the console's context
 * @param {{kind: string, section: string, template: (id) => object, form: (body, ctx, id) => void,
 *   summary?: (doc) => string}} spec
 */
export async function documents(container, ctx, spec) {
  const { kind, section } = spec;
  const { t } = ctx;
  const selected = ctx.route && ctx.draft.get(`${kind}/${ctx.route}`) !== undefined ? ctx.route : null;

  const list = el('ul', { class: 'console-docs', 'aria-label': t(`console.kind.${kind}`) },
    ...ctx.draft.ids(kind).map((id) => {
      const doc = ctx.get(`${kind}/${id}`);
      const isNew = ctx.draft.saved[kind]?.[id] === undefined;
      return el('li', {}, el('a', {
        href: `#${section}/${encodeURIComponent(id)}`, class: 'console-doc', dataset: { id },
        'aria-current': id === selected ? 'true' : undefined,
      }, el('span', { class: 'admin-doc__id' }, id),
      el('span', { class: 'admin-doc__name' }, spec.summary ? spec.summary(doc) : (doc?.name ?? '')),
      isNew ? el('span', { class: 'badge' }, t('admin.newDocument')) : null));
    }));
  const empty = ctx.draft.ids(kind).length === 0 ? el('p', { class: 'hint' }, t('admin.none')) : null;

  const newId = el('input', {
    id: `new-${kind}`, type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `new-${kind}-hint`,
  });
  const newError = el('p', { class: 'field__error', id: `new-${kind}-error`, hidden: true });
  const newForm = el('form', { class: 'admin-new', novalidate: true, hidden: !ctx.canEdit },
    el('div', { class: 'field' }, el('label', { for: newId.id }, t(`console.newId.${kind}`)), newId,
      el('p', { class: 'hint', id: `new-${kind}-hint` }, t('admin.newHint')), newError),
    el('button', { type: 'submit', class: 'button button--small', id: `create-${kind}` }, t('admin.new')));
  newForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = newId.value.trim();
    const problem = !config.ID.test(id) ? t('admin.newHint')
      : ctx.draft.get(`${kind}/${id}`) !== undefined ? t('admin.error.exists') : null;
    newError.hidden = !problem;
    newError.textContent = problem ?? '';
    if (problem) {
      newId.setAttribute('aria-invalid', 'true');
      newId.focus();
      return;
    }
    ctx.update(`${kind}/${id}`, spec.template(id));
    ctx.navigate(section, id);
  });

  const aside = el('div', { class: 'console-docs__list' }, list, empty, newForm);
  const editor = el('div', { class: 'console-docs__editor' });
  container.replaceChildren(el('div', { class: 'console-docs__grid' }, aside, editor));
  if (!selected) {
    editor.append(el('p', { class: 'hint' }, t('admin.pick')));
    return;
  }

  const entry = ctx.draft.entries[kind]?.[selected];
  const heading = el('h3', { id: 'doc-heading', tabindex: '-1' }, t(`console.one.${kind}`, { id: selected }));
  const meta = el('p', { class: 'hint', id: 'doc-meta' }, entry
    ? t('console.versionBy', { version: entry.version, author: entry.author ?? '—', time: formatTime(entry.savedAt) })
    : t('console.notSaved'));
  const form = el('div', { class: 'console-form', id: 'doc-form' });
  editor.append(heading, meta, form);
  await spec.form(form, ctx, selected);
  if (!ctx.canEdit) {
    for (const input of form.querySelectorAll('input, select, textarea, button')) input.disabled = true;
  }
  const actions = el('div', { class: 'admin-actions', hidden: !ctx.canEdit },
    el('button', { type: 'button', class: 'button button--primary', id: 'doc-save',
      onclick: () => ctx.save(t('console.saveNote', { what: t(`console.kind.${kind}`), id: selected })) },
    t('admin.save')),
    el('button', { type: 'button', class: 'button button--danger', id: 'doc-delete', onclick: async () => {
      if (!(await ctx.confirm(t('admin.confirmDelete', { id: selected }), t('admin.delete')))) return;
      ctx.update(`${kind}/${selected}`, undefined);
      if (await ctx.save(t('console.deleteNote', { what: t(`console.kind.${kind}`), id: selected }))) {
        ctx.navigate(section);
      } else {
        ctx.draft.revert(kind, selected);
      }
    } }, t('admin.delete')));
  editor.append(actions);
  if (entry) editor.append(await versions(ctx, kind, selected));
}

async function versions(ctx, kind, id) {
  const { t } = ctx;
  let items = [];
  try {
    items = await config.versions(ctx.token, kind, id);
  } catch {
    return el('p', { class: 'hint' }, t('admin.error.failed'));
  }
  const current = items[0]?.version;
  const rows = items.map((v) => el('tr', { dataset: { version: v.version } },
    el('td', { class: 'numeric' }, String(v.version)),
    el('td', {}, v.author ?? '—'),
    el('td', {}, formatTime(v.savedAt)),
    el('td', {}, actionText(t, v)),
    el('td', {}, ctx.canEdit && v.version !== current ? el('button', {
      type: 'button', class: 'button button--small', dataset: { rollback: v.version },
      onclick: async () => {
        if (!(await ctx.confirm(t('admin.confirmRollback', { id, version: v.version }), t('admin.rollback')))) return;
        try {
          await config.rollback(ctx.token, kind, id, current, v.version);
          ctx.notice(t('console.rolledBack', { id, version: v.version }), 'ok');
          await ctx.reload();
        } catch (e) {
          ctx.notice(`${t('admin.error.failed')} ${e.message}`, 'error');
          if (e.status === 422) ctx.showProblems(undefined, e.details ?? []);
        }
      },
    }, t('console.rollbackTo', { version: v.version })) : null)));
  return el('section', { class: 'console-versions', 'aria-labelledby': 'versions-heading' },
    el('h3', { id: 'versions-heading' }, t('admin.versions')),
    el('table', { class: 'table', id: 'versions' },
      el('thead', {}, el('tr', {}, ...['admin.col.version', 'admin.col.author', 'admin.col.time', 'admin.col.change']
        .map((k) => el('th', { scope: 'col' }, t(k))), el('th', { scope: 'col' }, ''))),
      el('tbody', {}, ...rows)));
}

function actionText(t, v) {
  if (v.deleted) return t('admin.deleted');
  const back = /^rollback to (\d+)$/.exec(v.action ?? '');
  if (back) return t('console.action.rollback', { version: back[1] });
  return t(`console.action.${v.action === 'put' && v.version === 1 ? 'created' : v.action ?? 'put'}`);
}
