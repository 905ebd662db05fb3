// One customer's history (GET /api/customers/{id}/history): who they are, their incidents in every status and their
// calls with the agent's wrap-up (disposition, notes), the caller's CSAT and, for those allowed to hear it, the
// recording, fetched with the token and played here (every listen is audited by the server).

import { api, ApiError, dispositionLabel } from '../api.js';
import { initI18n, language, onLanguageChange, t } from '../i18n.js';
import { OUTCOMES, badge, timeElement } from '../agent/customer-card.js';
import { mayHear, signedIn, signInAgain } from './signin.js';

const CALLS = 100;
const el = {
  content: document.getElementById('content'),
  status: document.getElementById('status'),
  name: document.getElementById('customer-name'),
  badges: document.getElementById('customer-badges'),
  numbers: document.getElementById('customer-numbers'),
  segment: document.getElementById('customer-segment'),
  manager: document.getElementById('customer-manager'),
  tags: document.getElementById('customer-tags'),
  incidents: document.querySelector('#incidents tbody'),
  incidentsEmpty: document.getElementById('incidents-empty'),
  calls: document.querySelector('#calls tbody'),
  callsEmpty: document.getElementById('calls-empty'),
};
const id = new URLSearchParams(location.search).get('id') ?? '';
let session = null;
let history = null;
let dispositions = [];
const players = new Map(); // callId → object URL of a fetched recording

function showStatus(key, params, tone) {
  el.status.hidden = false;
  el.status.dataset.tone = tone;
  el.status.textContent = t(key, params);
}

async function load() {
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(id)) {
    showStatus('crm.customer.noId', {}, 'error');
    return;
  }
  try {
    const [answer, list] = await Promise.all([
      api(`/api/customers/${encodeURIComponent(id)}/history?limit=${CALLS}`, { token: session.token }),
      api('/api/dispositions', { token: session.token }),
    ]);
    history = answer;
    dispositions = list.items ?? [];
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      session = await signInAgain();
      return load();
    }
    showStatus(e instanceof ApiError && e.status === 404 ? 'crm.customer.notFound' : 'crm.failed', { message: e.message }, 'error');
    return;
  }
  el.status.hidden = true;
  el.content.hidden = false;
  render();
}

function render() {
  if (!history) return;
  const { customer, calls, incidents } = history;
  el.name.textContent = String(customer.name ?? customer.id);
  document.title = t('crm.customer.titleOf', { name: String(customer.name ?? customer.id) });
  el.badges.replaceChildren();
  if (customer.segment) el.badges.append(badge(String(customer.segment), 'info', t('agent.customer.segment')));
  if (customer.vip) el.badges.append(badge(t('agent.customer.vip'), 'ok'));
  if (customer.blacklisted) el.badges.append(badge(t('agent.customer.blacklisted'), 'error'));
  el.numbers.textContent = (customer.numbers ?? []).join(', ');
  el.segment.textContent = customer.segment ?? '—';
  el.manager.textContent = customer.personalManagerName ?? customer.personalManager ?? '—';
  el.tags.textContent = (customer.tags ?? []).join(', ') || '—';

  const all = Array.isArray(incidents) ? incidents : history.openIncidents ?? [];
  el.incidents.replaceChildren(...all.map(incidentRow));
  el.incidentsEmpty.hidden = all.length > 0;
  el.calls.replaceChildren(...calls.map(callRow));
  el.callsEmpty.hidden = calls.length > 0;
}

function incidentRow(incident) {
  const tr = document.createElement('tr');
  tr.dataset.incidentId = incident.id;
  const priority = [1, 2, 3, 4].includes(incident.priority) ? incident.priority : 4;
  const p = document.createElement('td');
  p.append(badge(`P${priority}`, priority <= 2 ? 'error' : 'warn'), ' ', text('span', t(`crm.priority.${priority}`), 'hint'));
  const created = document.createElement('td');
  created.append(timeElement(incident.createdAt));
  tr.append(p, cellText(incident.title ?? ''), cellText(t(`incident.status.${incident.status}`)), created,
    cellText(String((incident.callIds ?? []).length)));
  return tr;
}

function callRow(call) {
  const tr = document.createElement('tr');
  tr.dataset.callId = call.id;
  const date = document.createElement('th');
  date.scope = 'row';
  date.append(timeElement(call.arrivedAt));
  const outcome = document.createElement('td');
  const known = OUTCOMES.includes(call.outcome) ? call.outcome : 'unknown';
  outcome.append(badge(t(`agent.customer.outcome.${known}`), known === 'answered' ? 'ok' : 'warn'));
  const wrapUp = call.wrapUp;
  const disposition = document.createElement('td');
  disposition.className = 'crm-disposition';
  if (wrapUp?.disposition) {
    disposition.append(text('span', dispositionLabel(dispositions, wrapUp.disposition, language())));
    if (wrapUp.firstContactResolution) disposition.append(' ', badge(t('crm.call.fcr'), 'ok'));
  } else {
    disposition.textContent = '—';
  }
  const notes = cellText(wrapUp?.notes || '—');
  notes.className = 'crm-notes';
  const csat = cellText(Number.isFinite(call.csat?.score) ? String(call.csat.score) : '—');
  tr.append(date, cellText(call.agent?.name ?? '—'), outcome, disposition, notes, csat, recordingCell(call));
  return tr;
}

function recordingCell(call) {
  const td = document.createElement('td');
  if (!call.recordingUrl || !mayHear(session.agent, call)) {
    td.textContent = '—';
    return td;
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button--small';
  button.textContent = t('crm.call.play');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      let url = players.get(call.id);
      if (!url) {
        const response = await fetch(call.recordingUrl, { headers: { Authorization: `Bearer ${session.token}` } });
        if (!response.ok) throw new ApiError(response.status, `HTTP ${response.status}`);
        url = URL.createObjectURL(await response.blob());
        players.set(call.id, url);
      }
      const audio = document.createElement('audio');
      audio.controls = true;
      audio.src = url;
      audio.setAttribute('aria-label', t('crm.call.recording'));
      td.replaceChildren(audio);
      audio.play().catch(() => {});
      audio.focus();
    } catch (e) {
      button.disabled = false;
      td.append(' ', text('span', t('crm.call.playFailed', { message: e.message }), 'hint'));
    }
  });
  td.append(button);
  return td;
}

function cellText(value) {
  const td = document.createElement('td');
  td.textContent = String(value);
  return td;
}

function text(tag, value, className) {
  const node = document.createElement(tag);
  node.textContent = String(value);
  if (className) node.className = className;
  return node;
}

await initI18n();
onLanguageChange(() => render());
session = await signedIn();
load();
