// The admin console (config.html): a left nav of sections, one section shown at a time, every change made in forms
// on a draft of the routing configuration and saved only after the admin has seen the diff.
//
// SECTION CONTRACT (docs/admin-console.md has the long form)
//   A section is an ES module js/admin/<id>.js whose default export is
//     { id: 'queues', titleKey: 'console.section.queues', adminOnly?: boolean, render(container, ctx) }
//   and is registered by one line (its id) in js/admin/sections.js. render() fills container (it may be called
//   again at any time: after a save, a reload, a language change) and returns nothing or a Promise.
//   ctx (one per render):
//     ctx.t(key, params), ctx.lang                   i18n (en, ru, uk)
//     ctx.token, ctx.me, ctx.canEdit                 the signed-in account; canEdit = admin
//     ctx.api(path, {method, body})                  any REST call with the token (errors: ApiError, .details on 422)
//     ctx.draft                                      the Draft (draft.js): ctx.draft.ids(kind), .entries[kind][id]
//     ctx.get(path)                                  a value of the draft: 'queue/support/wrapUp'
//     ctx.update(path, value)                        changes the draft ('queue/new-q' + object creates, undefined
//                                                    removes a field, or a whole document: 'queue/old-q')
//     ctx.problems                                   the server's last 422, [{kind, id, path, message, text}]
//     ctx.showProblems(container?, problems?)        puts each problem under the field bound to its path (fields.js
//                                                    binds with data-path="kind/id/field"); the rest above the form
//     ctx.save(message)                              shows the diff of the draft against the server (confirm or
//                                                    cancel); on confirm stores each changed document (validated as
//                                                    a whole by the server), reloads, re-renders; resolves true/false
//     ctx.route, ctx.navigate(sectionId, route)      the part of location.hash after '#<section>/'
//     ctx.notice(text, tone), ctx.confirm(text, ok)  a status line; a yes/no dialog (Promise<boolean>)
//     ctx.rerender(), ctx.reload()                   draw the section again; re-read the configuration first

import { ApiError, api as restApi } from '../api.js';
import '../site-header.js';
import { initI18n, language, onLanguageChange, t } from '../i18n.js';
import { signedIn, signInAgain } from '../crm/signin.js';
import * as config from './config-api.js';
import { Draft } from './draft.js';
import { showDiff } from './diff-dialog.js';
import { el } from './fields.js';
import { SECTIONS } from './sections.js';

/** Documents are stored in this order (a queue before the agents serving it), deletions in the reverse one. */
const SAVE_ORDER = ['schedule', 'list', 'queue', 'agent', 'group', 'flow', 'entry-points', 'settings'];

const $ = (id) => document.getElementById(id);
let session = null;
let sections = [];
let current = null;
let draft = new Draft();
let problems = [];
let revision = 0;
const labels = new Map();

async function start() {
  await initI18n();
  sections = (await Promise.all(SECTIONS.map((id) => import(`./${id}.js`)))).map((m) => m.default);
  session = await signedIn();
  const roles = session.agent?.roles ?? [];
  if (!roles.includes('admin') && !roles.includes('supervisor')) return deny();
  $('denied').hidden = true;
  if (!(await load())) return;
  $('console').hidden = false;
  $('readonly').hidden = canEdit();
  renderNav();
  window.addEventListener('hashchange', () => show(false));
  // Leaving with unsaved edits: the browser asks first (HTML §7.1.8.2, beforeunload).
  window.addEventListener('beforeunload', (event) => {
    if (draft.changes().length > 0) event.preventDefault();
  });
  onLanguageChange(() => {
    $('revision').textContent = t('admin.revision', { revision });
    notice('');
    renderNav();
    markDirty();
    show(false);
  });
  show(false);
}

function canEdit() {
  return (session?.agent?.roles ?? []).includes('admin');
}

function deny() {
  $('console').hidden = true;
  $('denied').hidden = false;
  $('denied-heading').focus();
}

$('switch-user').addEventListener('click', async () => {
  session = await signInAgain();
  start();
});

/** Reads the whole configuration into a fresh draft; false when the page cannot go on. */
async function load() {
  try {
    const snap = await config.snapshot(session.token);
    revision = snap.revision;
    draft = new Draft(snap.documents ?? {});
    $('revision').hidden = false;
    $('revision').textContent = t('admin.revision', { revision });
    const start = snap.startProblems ?? [];
    $('start-problems').hidden = start.length === 0;
    $('start-problems').replaceChildren(...start.map((p) => el('p', {}, p)));
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      session = await signInAgain();
      return load();
    }
    if (e instanceof ApiError && e.status === 403) {
      deny();
      return false;
    }
    notice(t('admin.error.failed') + ' ' + e.message, 'error');
    return false;
  }
}

function visibleSections() {
  return sections.filter((s) => canEdit() || !s.adminOnly);
}

function renderNav() {
  const nav = $('sections');
  nav.replaceChildren(...visibleSections().map((s) => el('a', {
    href: `#${s.id}`, id: `nav-${s.id}`, class: 'console-nav__link',
    'aria-current': current?.id === s.id ? 'page' : undefined,
  }, t(s.titleKey))));
}

function parseHash() {
  const [id, ...rest] = decodeURIComponent(location.hash.slice(1)).split('/');
  return { id, route: rest.join('/') };
}

/** Draws the section the address names (the first one by default). */
async function show(focus = true) {
  const { id, route } = parseHash();
  const list = visibleSections();
  const section = list.find((s) => s.id === id) ?? list[0];
  if (current?.id !== section.id) problems = [];
  current = section;
  for (const link of $('sections').querySelectorAll('a')) {
    if (link.id === `nav-${section.id}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const container = $('section');
  const heading = el('h2', { id: 'section-heading', tabindex: '-1' }, t(section.titleKey));
  const body = el('div', { class: 'console-section__body' });
  container.replaceChildren(heading, body);
  await section.render(body, context(route));
  showProblems(body, problems);
  if (focus) heading.focus();
}

function context(route) {
  const ctx = {
    t, lang: language(), token: session.token, me: session.agent, canEdit: canEdit(), route, draft, revision,
    get problems() { return problems; },
    api: (path, options = {}) => api(path, options),
    get: (path) => draft.get(path),
    update: (path, value) => {
      draft.update(path, value);
      markDirty();
    },
    label: (path, text) => labels.set(path, text),
    showProblems: (container = $('section'), list = problems) => {
      problems = list;
      showProblems(container, list);
    },
    save: (message) => save(message),
    navigate: (sectionId, sub = '') => {
      problems = [];
      location.hash = sub ? `${sectionId}/${sub}` : sectionId;
    },
    notice,
    confirm,
    rerender: () => show(false),
    reload: async () => {
      await load();
      await show(false);
    },
  };
  return ctx;
}

function markDirty() {
  const count = draft.changes().length;
  $('dirty').hidden = count === 0;
  $('dirty-text').textContent = t('console.dirty', { count });
}

$('dirty-save').addEventListener('click', () => save(''));
$('dirty-discard').addEventListener('click', async () => {
  if (!(await confirm(t('console.discardConfirm'), t('console.discard')))) return;
  draft.revert();
  problems = [];
  markDirty();
  show(false);
});

/** Any REST call with the admin's token (errors: ApiError, with .details on a 422). */
function api(path, { method = 'GET', body } = {}) {
  return restApi(path, { token: session.token, method, body });
}

/** Shows the diff, then stores every changed document; true when all were stored. */
async function save(message) {
  const changes = draft.changes();
  if (changes.length === 0) {
    notice(t('console.nothingToSave'), 'info');
    return false;
  }
  if (!(await showDiff($('diff'), changes, { message, labels }))) return false;
  const rank = (c) => (c.after === undefined ? 100 - SAVE_ORDER.indexOf(c.kind) : SAVE_ORDER.indexOf(c.kind));
  changes.sort((a, b) => rank(a) - rank(b));
  let stored = 0;
  for (const c of changes) {
    const version = draft.entries[c.kind]?.[c.id]?.version ?? 0;
    try {
      if (c.after === undefined) await config.remove(session.token, c.kind, c.id, version, message);
      else await config.save(session.token, c.kind, c.id, c.after, version, message);
      stored += 1;
    } catch (e) {
      return refused(e, stored, changes.length);
    }
  }
  problems = [];
  const edits = draft;
  await load();
  // Edits of other documents not saved meanwhile stay in the new draft.
  for (const c of edits.changes()) draft.update(`${c.kind}/${c.id}`, c.after);
  markDirty();
  notice(t('console.saved', { count: stored, revision }), 'ok');
  await show(false);
  return true;
}

async function refused(e, stored, total) {
  if (e.status === 422) {
    problems = (e.details ?? []).length ? e.details : (e.problems ?? [e.message]).map((text) => ({ text, message: text }));
    notice(t('console.refused', { stored, total }), 'error');
  } else if (e.status === 409) {
    notice(t('admin.error.conflict'), 'error');
  } else {
    notice(`${t('admin.error.failed')} ${e.message}`, 'error');
  }
  if (stored > 0) {
    // Some documents were stored before the refusal: read them back, keep the rest of the edits.
    const edits = draft;
    await load();
    for (const c of edits.changes()) draft.update(`${c.kind}/${c.id}`, c.after);
    markDirty();
  }
  await show(false);
  $('problems').focus();
  return false;
}

/**
 * Puts each problem under the field bound to its path: the bound path that is the longest prefix of the problem's
 * ("agent/a-bob/skills" takes "agent/a-bob/skills/english"). Problems no field takes are listed above the form.
 */
function showProblems(container, list) {
  for (const old of container.querySelectorAll('.console-problem')) old.remove();
  for (const input of container.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  const box = $('problems');
  const loose = [];
  const bound = [...container.querySelectorAll('[data-path]')];
  list.forEach((p, i) => {
    const full = p.kind && p.id ? [p.kind, p.id, ...String(p.path ?? '').split(/[./]/).filter(Boolean)].join('/')
      : String(p.path ?? '');
    let best = null;
    for (const input of bound) {
      const path = input.dataset.path;
      if ((full === path || full.startsWith(`${path}/`)) && (!best || path.length > best.dataset.path.length)) {
        best = input;
      }
    }
    const text = p.message ?? p.text;
    if (!best || !full) {
      loose.push(p.text ?? text);
      return;
    }
    const id = `problem-${i}`;
    const note = el('p', { class: 'field__error console-problem', id, role: 'alert' }, text);
    best.setAttribute('aria-invalid', 'true');
    best.setAttribute('aria-describedby', `${best.getAttribute('aria-describedby') ?? ''} ${id}`.trim());
    const wrapper = best.closest('.field');
    if (wrapper) wrapper.append(note);
    else best.after(note);
  });
  box.hidden = loose.length === 0;
  $('problems-title').textContent = t('admin.error.invalid');
  $('problems-list').replaceChildren(...loose.map((text) => el('li', {}, text)));
}

function notice(text, tone = 'ok') {
  const status = $('status');
  status.hidden = !text;
  status.dataset.tone = tone;
  status.textContent = text ?? '';
}

/** A yes/no question in a modal dialog; Cancel has the focus. */
function confirm(text, okLabel) {
  const dialog = $('confirm');
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = okLabel ?? t('console.yes');
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    $('confirm-cancel').focus();
  });
}

start();
