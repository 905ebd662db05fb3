// The customers list (GET /api/customers): newest first, a page at a time, found by number, segment or VIP; each
// links to the customer's history page. Every string from the CRM is set as text, never as markup.

import { api, ApiError } from '../api.js';
import { initI18n, onLanguageChange, t } from '../i18n.js';
import { signedIn, signInAgain } from './signin.js';

const PAGE = 50;
const el = {
  content: document.getElementById('content'),
  form: document.getElementById('search'),
  number: document.getElementById('search-number'),
  segment: document.getElementById('search-segment'),
  vip: document.getElementById('search-vip'),
  rows: document.querySelector('#customers tbody'),
  empty: document.getElementById('empty'),
  more: document.getElementById('more'),
  status: document.getElementById('status'),
};
let session = null;
let cursor = null;

function query() {
  const params = new URLSearchParams({ limit: String(PAGE) });
  const number = el.number.value.replace(/[\s()-]/g, '');
  if (number) params.set('number', number);
  if (el.segment.value.trim()) params.set('segment', el.segment.value.trim());
  if (el.vip.checked) params.set('vip', 'true');
  if (cursor) params.set('cursor', cursor);
  return params;
}

async function load(append) {
  if (!append) cursor = null;
  el.status.hidden = true;
  let page;
  try {
    page = await api(`/api/customers?${query()}`, { token: session.token });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      session = await signInAgain();
      return load(append);
    }
    el.status.hidden = false;
    el.status.dataset.tone = 'error';
    el.status.textContent = t('crm.failed', { message: e.message });
    return;
  }
  const rows = page.items.map(row);
  if (append) el.rows.append(...rows);
  else el.rows.replaceChildren(...rows);
  cursor = page.nextCursor;
  el.more.hidden = !cursor;
  el.empty.hidden = el.rows.children.length > 0;
}

function row(customer) {
  const tr = document.createElement('tr');
  const name = document.createElement('th');
  name.scope = 'row';
  const link = document.createElement('a');
  const url = new URL('customer.html', location.href);
  url.searchParams.set('id', customer.id);
  const lang = new URLSearchParams(location.search).get('lang');
  if (lang) url.searchParams.set('lang', lang);
  link.href = url.pathname.split('/').pop() + url.search;
  link.textContent = String(customer.name ?? customer.id);
  name.append(link);
  if (customer.vip) name.append(' ', badge(t('agent.customer.vip'), 'ok'));
  if (customer.blacklisted) name.append(' ', badge(t('agent.customer.blacklisted'), 'error'));
  tr.append(name, cell((customer.numbers ?? []).join(', '), 'ltr'), cell(customer.segment ?? '—'),
    cell(customer.personalManager ?? '—'));
  return tr;
}

function cell(text, dir) {
  const td = document.createElement('td');
  td.textContent = String(text);
  if (dir) td.dir = dir;
  return td;
}

function badge(text, tone) {
  const span = document.createElement('span');
  span.className = 'badge';
  span.dataset.tone = tone;
  span.textContent = text;
  return span;
}

el.form.addEventListener('submit', (event) => {
  event.preventDefault();
  load(false);
});
el.more.addEventListener('click', () => load(true));

await initI18n();
onLanguageChange(() => load(false));
session = await signedIn();
el.content.hidden = false;
load(false);
