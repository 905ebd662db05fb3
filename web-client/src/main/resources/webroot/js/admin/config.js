// The admin's page for the routing configuration (docs/api.md, "Configuration"): a tab per kind, its documents,
// one in a JSON editor with Save (conditional on the version shown), Delete and New, the server's problems listed
// next to the editor, and every version with a rollback. Supervisors see it all read-only; agents are told they may
// not. The server checks every change against the whole configuration; the page only catches malformed JSON early.

import { ApiError } from '../api.js';
import { initI18n, onLanguageChange, t } from '../i18n.js';
import { signedIn, signInAgain } from '../crm/signin.js';
import * as config from './config-api.js';
import { formatTime } from './format.js';
import { QuickForm } from './quick-form.js';
import { KindTabs } from './tabs.js';
import { template } from './templates.js';
import { actionText, strip, VersionsPanel } from './versions.js';

const $ = (id) => document.getElementById(id);
const el = {
  content: $('content'), denied: $('denied'), deniedHeading: $('denied-heading'), status: $('status'),
  readonly: $('readonly'), revision: $('revision'), listHeading: $('list-heading'), caption: $('documents-caption'),
  rows: document.querySelector('#documents tbody'), empty: $('documents-empty'), newButton: $('new'),
  newForm: $('new-form'), newId: $('new-id'), newError: $('new-error'), placeholder: $('editor-placeholder'),
  body: $('editor-body'), heading: $('editor-heading'), version: $('editor-version'), meta: $('editor-meta'),
  editor: $('editor'), problems: $('problems'), startProblems: $('start-problems'),
  problemsTitle: $('problems-title'), problemsList: $('problems-list'), problemsReload: $('problems-reload'),
  notice: $('notice'), actions: $('edit-actions'), save: $('save'), reload: $('reload'), remove: $('delete'),
  rollback: $('rollback'), dialog: $('confirm'), dialogText: $('confirm-text'), dialogOk: $('confirm-ok'),
};

let session = null;
let canEdit = false;
let snap = { revision: 0, documents: {} };
let kind = 'queue';
/** The document in the editor: {kind, id, version (0 for a new one), deleted, author, savedAt, fresh} */
let open = null;
let lastNotice = null;
const versions = new VersionsPanel({});
const quick = new QuickForm($('quick'), el.editor);
const tabs = new KindTabs($('tabs'), $('panel'), config.KINDS, (k) => showKind(k));

// ------------------------------------------------------------------ signing in and loading

function roles(agent) {
  return Array.isArray(agent?.roles) ? agent.roles : [];
}

async function start() {
  session = await signedIn();
  const r = roles(session.agent);
  if (!r.includes('admin') && !r.includes('supervisor')) return deny();
  canEdit = r.includes('admin');
  if (!(await loadSnapshot())) return;
  el.readonly.hidden = canEdit;
  el.newButton.hidden = !canEdit;
  el.denied.hidden = true;
  el.content.hidden = false;
  const [hashKind, hashId] = decodeURIComponent(location.hash.slice(1)).split('/');
  tabs.select(config.KINDS.includes(hashKind) ? hashKind : 'queue');
  if (hashId && config.ID.test(hashId)) openDocument(kind, hashId, { focus: false });
}

function deny() {
  el.content.hidden = true;
  el.denied.hidden = false;
  el.revision.hidden = true;
  el.deniedHeading.focus();
}

/** Reads every current document; false when the page cannot go on (signed in again, or denied). */
async function loadSnapshot() {
  try {
    snap = await config.snapshot(session.token);
  } catch (e) {
    return failed(e, () => start().then(() => false));
  }
  el.status.hidden = true;
  el.revision.hidden = false;
  el.revision.textContent = t('admin.revision', { revision: snap.revision });
  for (const k of config.KINDS) tabs.label(k, t(`admin.kind.${k}`), (snap.documents[k] ?? []).length);
  renderStartProblems();
  return true;
}

/** Stored documents that did not build at start: the last applied configuration runs until a change fixes them. */
function renderStartProblems() {
  const problems = Array.isArray(snap.startProblems) ? snap.startProblems : [];
  el.startProblems.hidden = problems.length === 0;
  if (problems.length === 0) return;
  const title = document.createElement('p');
  title.textContent = t('admin.startProblems');
  const list = document.createElement('ul');
  list.append(...problems.map((p) => Object.assign(document.createElement('li'), { textContent: String(p) })));
  el.startProblems.replaceChildren(title, list);
}

/** A failed request: 401 asks to sign in again (then retry), 403 is "not allowed", anything else a status line. */
async function failed(e, retry) {
  if (e instanceof ApiError && e.status === 401) {
    session = await signInAgain();
    return retry();
  }
  if (e instanceof ApiError && e.status === 403) {
    deny();
    return false;
  }
  el.status.hidden = false;
  el.status.dataset.tone = 'error';
  el.status.textContent = t('crm.failed', { message: e.message });
  return false;
}

// ------------------------------------------------------------------ the list

function showKind(k) {
  kind = k;
  el.listHeading.textContent = t(`admin.kind.${k}`);
  el.caption.textContent = t(`admin.kind.${k}`);
  el.newForm.hidden = true;
  el.newButton.disabled = config.SINGLETONS.includes(k) && (snap.documents[k] ?? []).length > 0;
  renderList();
  if (open && open.kind !== k) closeEditor();
}

function renderList() {
  const items = [...(snap.documents[kind] ?? [])].sort((a, b) => a.id.localeCompare(b.id));
  el.rows.replaceChildren(...items.map(row));
  el.empty.hidden = items.length > 0;
}

function row(item) {
  const tr = document.createElement('tr');
  tr.dataset.id = item.id;
  const head = document.createElement('th');
  head.scope = 'row';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'admin-doc';
  button.dataset.id = item.id;
  if (open && open.kind === item.kind && open.id === item.id) button.setAttribute('aria-current', 'true');
  const id = document.createElement('span');
  id.className = 'admin-doc__id';
  id.textContent = item.id;
  button.append(id);
  const name = item.document?.name;
  if (typeof name === 'string' && name && name !== item.id) {
    const small = document.createElement('span');
    small.className = 'admin-doc__name';
    small.textContent = name;
    button.append(small);
  }
  button.addEventListener('click', () => openDocument(item.kind, item.id, { focus: true }));
  const saved = document.createElement('span');
  saved.className = 'admin-doc__saved';
  saved.textContent = t('admin.savedBy', { author: item.author ?? '—', time: formatTime(item.savedAt) });
  head.append(button, saved);
  const version = document.createElement('td');
  version.className = 'numeric';
  version.textContent = String(item.version);
  tr.append(head, version);
  return tr;
}

// ------------------------------------------------------------------ the editor

async function openDocument(k, id, { focus }) {
  let entry;
  try {
    entry = await config.entry(session.token, k, id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      // Deleted (its versions remain: it can be rolled back) or never existed.
      entry = { kind: k, id, version: null, deleted: true, document: null };
    } else {
      await failed(e, () => openDocument(k, id, { focus }));
      return;
    }
  }
  if (k !== kind) tabs.select(k);
  showEntry(entry);
  await loadVersions();
  if (focus) el.heading.focus();
}

function showEntry(entry) {
  open = { kind: entry.kind, id: entry.id, version: entry.version, deleted: entry.deleted, author: entry.author,
    savedAt: entry.savedAt, action: entry.action, fresh: false };
  el.editor.value = entry.deleted ? '' : pretty(entry.document);
  clearMessages();
  renderEditor();
  history.replaceState(null, '', `#${entry.kind}/${encodeURIComponent(entry.id)}`);
  renderList();
}

function startNew(id) {
  open = { kind, id, version: 0, deleted: false, fresh: true };
  const existing = Object.fromEntries(config.KINDS.map((k) => [k, (snap.documents[k] ?? []).map((d) => d.id)]));
  el.editor.value = pretty(template(kind, id, existing));
  clearMessages();
  versions.hide();
  renderEditor();
  renderList();
  el.editor.focus();
}

function renderEditor() {
  el.placeholder.hidden = Boolean(open);
  el.body.hidden = !open;
  if (!open) return;
  el.heading.textContent = t(`admin.one.${open.kind}`, { id: open.id });
  el.version.textContent = open.fresh ? t('admin.newDocument') : open.deleted ? t('admin.deleted')
    : t('admin.versionN', { version: open.version });
  el.version.dataset.tone = open.deleted ? 'error' : '';
  el.meta.textContent = open.fresh ? t('admin.newMeta') : open.deleted ? t('admin.deletedMeta')
    : t('admin.savedBy', { author: open.author ?? '—', time: formatTime(open.savedAt) })
      + (open.action ? ` — ${actionText(open)}` : '');
  el.editor.readOnly = !canEdit || open.deleted;
  el.actions.hidden = !canEdit;
  el.save.disabled = open.deleted;
  el.remove.disabled = open.fresh || open.deleted;
  el.reload.disabled = open.fresh;
  quick.show(open.kind, open.id, (snap.documents.queue ?? []).map((q) => q.id), !canEdit || open.deleted);
}

function closeEditor() {
  open = null;
  quick.hide();
  versions.hide();
  clearMessages();
  renderEditor();
}

function pretty(document) {
  return JSON.stringify(strip(document), null, 2);
}

function clearMessages() {
  el.problems.hidden = true;
  el.problemsReload.hidden = true;
  el.editor.removeAttribute('aria-invalid');
  el.notice.hidden = true;
  lastNotice = null;
}

function showProblems(titleKey, problems, { reload = false } = {}) {
  el.notice.hidden = true;
  el.problems.hidden = false;
  el.problemsTitle.dataset.key = titleKey;
  el.problemsTitle.textContent = t(titleKey);
  el.problemsList.replaceChildren(...problems.map((p) => {
    const li = document.createElement('li');
    li.textContent = p;
    return li;
  }));
  el.problemsList.hidden = problems.length === 0;
  el.problemsReload.hidden = !reload;
  el.editor.setAttribute('aria-invalid', 'true');
  el.problems.focus();
}

function showNotice(key, params) {
  el.problems.hidden = true;
  el.editor.removeAttribute('aria-invalid');
  lastNotice = { key, params };
  el.notice.hidden = false;
  el.notice.textContent = t(key, params);
  el.notice.focus();
}

/** The editor's text as a document, or null after showing why it is not one. */
function parsedEditor() {
  let value;
  try {
    value = JSON.parse(el.editor.value);
  } catch (e) {
    showProblems('admin.error.json', [e.message]);
    el.editor.focus();
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    showProblems('admin.error.json', [t('admin.error.notObject')]);
    el.editor.focus();
    return null;
  }
  if ('_id' in value && value._id !== open.id) {
    showProblems('admin.error.json', [t('admin.error.otherId', { id: open.id })]);
    el.editor.focus();
    return null;
  }
  return value;
}

/** A refused change: 422 lists the problems, 409 asks to reload, the rest says what failed. */
async function refused(e, retry) {
  if (e instanceof ApiError && e.status === 422) return showProblems('admin.error.invalid', config.problemsOf(e));
  if (e instanceof ApiError && e.status === 409) {
    return showProblems('admin.error.conflict', e.currentVersion === null ? []
      : [t('admin.error.nowAt', { version: e.currentVersion })], { reload: true });
  }
  if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return failed(e, retry);
  return showProblems('admin.error.failed', [e.message]);
}

async function afterChange(entry, noticeKey) {
  await loadSnapshot();
  showKind(kind);
  showEntry(entry);
  await loadVersions();
  showNotice(noticeKey, { version: entry.version, revision: entry.revision ?? snap.revision });
}

async function saveDocument() {
  if (!open || !canEdit) return;
  const document = parsedEditor();
  if (!document) return;
  if (open.fresh && (snap.documents[open.kind] ?? []).some((d) => d.id === open.id)) {
    return showProblems('admin.error.exists', [open.id]);
  }
  el.save.disabled = true;
  try {
    const entry = await config.save(session.token, open.kind, open.id, document, open.fresh ? 0 : open.version);
    await afterChange(entry, 'admin.saved');
  } catch (e) {
    await refused(e, saveDocument);
  } finally {
    el.save.disabled = Boolean(open?.deleted);
  }
}

async function deleteDocument() {
  if (!open || open.fresh || open.deleted || !canEdit) return;
  if (!(await confirmed(t('admin.confirmDelete', { id: open.id }),
    t('admin.delete')))) return;
  try {
    const entry = await config.remove(session.token, open.kind, open.id, open.version);
    await afterChange(entry, 'admin.deletedNotice');
  } catch (e) {
    await refused(e, deleteDocument);
  }
}

async function rollbackDocument(toVersion = null) {
  if (!open || open.fresh || !canEdit) return;
  const target = toVersion ?? versions.items[1]?.version;
  if (!(await confirmed(t('admin.confirmRollback', { id: open.id, version: target ?? '?' }), t('admin.rollback')))) return;
  try {
    const current = versions.items[0]?.version ?? open.version;
    const entry = await config.rollback(session.token, open.kind, open.id, current, toVersion);
    await afterChange(entry, 'admin.rolledBack');
  } catch (e) {
    await refused(e, () => rollbackDocument(toVersion));
  }
}

async function loadVersions() {
  if (!open || open.fresh) return versions.hide();
  try {
    const items = await config.versions(session.token, open.kind, open.id);
    versions.show(items, canEdit);
    if (open.deleted && items.length === 0) closeEditor();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return closeEditor();
    await failed(e, loadVersions);
  }
}

/** Asks in a modal dialog (Escape or Cancel says no); focus returns to where it was. */
function confirmed(text, okLabel) {
  const before = document.activeElement;
  el.dialogText.textContent = text;
  el.dialogOk.textContent = okLabel;
  el.dialog.returnValue = '';
  el.dialog.showModal();
  $('confirm-cancel').focus();
  return new Promise((resolve) => {
    el.dialog.addEventListener('close', () => {
      before?.focus?.();
      resolve(el.dialog.returnValue === 'ok');
    }, { once: true });
  });
}

// ------------------------------------------------------------------ wiring

el.save.addEventListener('click', saveDocument);
el.remove.addEventListener('click', deleteDocument);
el.rollback.addEventListener('click', () => rollbackDocument());
$('restore').addEventListener('click', (event) => rollbackDocument(Number(event.currentTarget.dataset.version)));
// Also after a 409 on a new document: the id exists (perhaps deleted), and opening it shows its versions.
const reload = () => open && openDocument(open.kind, open.id, { focus: false }).then(() => el.editor.focus());
el.reload.addEventListener('click', reload);
el.problemsReload.addEventListener('click', reload);
el.editor.addEventListener('keydown', (event) => {
  // Ctrl+S (⌘S) saves; Tab stays a way out of the text area for keyboard users.
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
    event.preventDefault();
    saveDocument();
  }
});
el.newButton.addEventListener('click', () => {
  el.newForm.hidden = false;
  el.newError.hidden = true;
  el.newId.removeAttribute('aria-invalid');
  el.newId.value = config.SINGLETONS.includes(kind) ? 'default' : '';
  el.newId.readOnly = config.SINGLETONS.includes(kind);
  el.newId.focus();
});
$('new-cancel').addEventListener('click', () => {
  el.newForm.hidden = true;
  el.newButton.focus();
});
el.newForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const id = el.newId.value.trim();
  const taken = (snap.documents[kind] ?? []).some((d) => d.id === id);
  if (!config.ID.test(id) || taken) {
    el.newError.hidden = false;
    el.newError.textContent = taken ? t('admin.error.exists') : t('admin.newHint');
    el.newId.setAttribute('aria-invalid', 'true');
    el.newId.focus();
    return;
  }
  el.newForm.hidden = true;
  startNew(id);
});
$('switch-user').addEventListener('click', async () => {
  el.denied.hidden = true;
  session = await signInAgain();
  start();
});

await initI18n();
onLanguageChange(() => {
  el.revision.textContent = t('admin.revision', { revision: snap.revision });
  for (const k of config.KINDS) tabs.label(k, t(`admin.kind.${k}`), (snap.documents[k] ?? []).length);
  renderStartProblems();
  showKind(kind);
  renderEditor();
  versions.render();
  if (lastNotice) el.notice.textContent = t(lastNotice.key, lastNotice.params);
  if (!el.problems.hidden && el.problemsTitle.dataset.key) el.problemsTitle.textContent = t(el.problemsTitle.dataset.key);
});
start();
