// The caller's card (docs/protocol.md, call.offer `customer`): who is calling, their segment and flags, their
// personal manager, their last satisfaction score, how their last calls ended (and the agent's disposition) and
// their open incidents, most urgent first — or "New caller". Links to the customer's full history page.
// Shown while the call rings and during it. Built with textContent only: every string comes from the CRM, which
// agents and imports fill, so none of it may become markup.

import { dispositionLabel } from '../api.js';
import { language, t } from '../i18n.js';

export const OUTCOMES = ['answered', 'abandoned', 'missed', 'rejected', 'interrupted', 'voicemail', 'callback',
  'refused', 'blocked'];

export class CustomerCard {
  constructor() {
    this.el = {
      root: document.getElementById('customer-card'),
      name: document.getElementById('customer-name'),
      badges: document.getElementById('customer-badges'),
      manager: document.getElementById('customer-manager'),
      managerRow: document.getElementById('customer-manager-row'),
      details: document.getElementById('customer-details'),
      calls: document.getElementById('customer-calls'),
      incidents: document.getElementById('customer-incidents'),
      csat: document.getElementById('customer-csat'),
      csatRow: document.getElementById('customer-csat-row'),
      history: document.getElementById('customer-history-link'),
    };
    this.shown = undefined;
    /** The dispositions (GET /api/dispositions), to name the codes the last calls carry. */
    this.dispositions = [];
  }

  /** @param {object|null|undefined} customer the card, null for a new caller, undefined to hide it */
  render(customer) {
    this.el.root.hidden = customer === undefined;
    if (customer === undefined) return;
    const known = customer !== null && typeof customer === 'object';
    this.el.root.dataset.known = String(known);
    this.el.details.hidden = !known;
    this.el.badges.replaceChildren();
    if (!known) {
      this.el.name.textContent = t('agent.customer.newCaller');
      return;
    }
    this.el.name.textContent = String(customer.name ?? '');
    if (customer.segment) this.el.badges.append(badge(String(customer.segment), 'info', t('agent.customer.segment')));
    if (customer.vip === true) this.el.badges.append(badge(t('agent.customer.vip'), 'ok'));
    if (customer.blacklisted === true) this.el.badges.append(badge(t('agent.customer.blacklisted'), 'error'));

    const manager = customer.personalManager;
    this.el.managerRow.hidden = !manager;
    this.el.manager.textContent = manager ? String(manager.name ?? manager.id ?? '') : '';

    const csat = customer.lastCsat;
    this.el.csatRow.hidden = !csat || !Number.isFinite(csat.score);
    this.el.csat.textContent = csat && Number.isFinite(csat.score)
      ? t('agent.customer.csatValue', { score: csat.score, date: shortDate(csat.at, false) }) : '';

    const url = new URL('customer.html', location.href);
    url.searchParams.set('id', String(customer.id ?? ''));
    url.searchParams.set('lang', language());
    this.el.history.href = url.pathname.split('/').pop() + url.search;

    const calls = Array.isArray(customer.lastCalls) ? customer.lastCalls.slice(0, 5) : [];
    this.el.calls.replaceChildren(...(calls.length ? calls.map((c) => callItem(c, this.dispositions, this.onCallBack))
      : [emptyItem('agent.customer.noCalls')]));
    const incidents = Array.isArray(customer.openIncidents) ? [...customer.openIncidents] : [];
    incidents.sort((a, b) => (a.priority ?? 9) - (b.priority ?? 9));
    this.el.incidents.replaceChildren(...(incidents.length ? incidents.map(incidentItem)
      : [emptyItem('agent.customer.noIncidents')]));
  }
}

export function badge(text, tone, label) {
  const span = document.createElement('span');
  span.className = 'badge';
  span.dataset.tone = tone;
  span.textContent = text;
  if (label) {
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = `${label}: `;
    span.prepend(hidden);
  }
  return span;
}

function emptyItem(key) {
  const li = document.createElement('li');
  li.className = 'hint';
  li.textContent = t(key);
  return li;
}

/** A date (ISO string) as a <time> in the page's language, with or without the time of day. */
export function timeElement(iso, withTime = true) {
  const when = document.createElement('time');
  const at = new Date(iso);
  if (iso && !Number.isNaN(at.getTime())) {
    when.dateTime = at.toISOString();
    when.textContent = shortDate(iso, withTime);
  }
  return when;
}

function shortDate(iso, withTime) {
  const at = new Date(iso);
  if (!iso || Number.isNaN(at.getTime())) return '';
  return new Intl.DateTimeFormat(language(), withTime ? { dateStyle: 'short', timeStyle: 'short' }
    : { dateStyle: 'short' }).format(at);
}

function callItem(call, dispositions, onCallBack) {
  const li = document.createElement('li');
  li.className = 'customer-card__call';
  const when = timeElement(call.at);
  const outcome = OUTCOMES.includes(call.outcome) ? call.outcome : 'unknown';
  const result = badge(t(`agent.customer.outcome.${outcome}`), outcome === 'answered' ? 'ok' : 'warn');
  const agent = document.createElement('span');
  agent.className = 'customer-card__agent';
  agent.textContent = call.agent ? String(call.agent) : '';
  li.append(when, ' ', result, ' ', agent);
  if (call.disposition) {
    const disposition = document.createElement('span');
    disposition.className = 'customer-card__disposition';
    disposition.textContent = `· ${dispositionLabel(dispositions, String(call.disposition), language())}`;
    li.append(' ', disposition);
  }
  if (onCallBack && typeof call.id === 'string') {
    // By reference: the server dials the customer of that call, the number is never needed here.
    const back = document.createElement('button');
    back.type = 'button';
    back.className = 'button button--small customer-card__call-back';
    back.textContent = t('agent.customer.callBack');
    back.addEventListener('click', () => onCallBack(call.id));
    li.append(' ', back);
  }
  return li;
}

function incidentItem(incident) {
  const li = document.createElement('li');
  li.className = 'customer-card__incident';
  const priority = [1, 2, 3, 4].includes(incident.priority) ? incident.priority : 4;
  li.dataset.priority = String(priority);
  const p = badge(`P${priority}`, priority <= 2 ? 'error' : 'warn');
  p.title = t(`agent.customer.priority.${priority}`);
  const hidden = document.createElement('span');
  hidden.className = 'visually-hidden';
  hidden.textContent = `${t(`agent.customer.priority.${priority}`)}: `;
  const title = document.createElement('span');
  title.textContent = String(incident.title ?? '');
  li.append(p, ' ', hidden, title);
  return li;
}
