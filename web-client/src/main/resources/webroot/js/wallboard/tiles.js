// The queue tiles of the wallboard: the total first, then one per queue. Each figure carries data-figure="…" (the
// e2e tests and the one-second ticker find them by it); a tile with an alert carries data-alert="true" and turns red.

import { t } from '../i18n.js';
import { count, duration, NONE, percent, secondsSince } from './format.js';

export const TOTAL_ID = '_total';

/** Replaces the tiles with the figures of this snapshot. */
export function renderTiles(list, figures, offsetMs) {
  const total = tile({ ...figures.total, id: TOTAL_ID, name: t('wallboard.total') }, offsetMs, true);
  list.replaceChildren(total, ...figures.queues.map((q) => tile(q, offsetMs, false)));
}

/** Moves the clocks (longest wait) to now without a new snapshot. */
export function tickTiles(list, offsetMs) {
  for (const el of list.querySelectorAll('[data-since]')) {
    el.textContent = duration(secondsSince(el.dataset.since, offsetMs));
  }
}

function tile(f, offsetMs, isTotal) {
  const li = document.createElement('li');
  li.className = 'card tile';
  li.dataset.queue = f.id;
  const alerts = isTotal ? [] : f.alerts;
  li.dataset.alert = String((isTotal ? f.alerts : alerts).length > 0);
  const headingId = `tile-${f.id}`;
  li.setAttribute('aria-labelledby', headingId);

  const head = element('div', 'tile__head');
  const h2 = element('h2', 'tile__name', f.name);
  h2.id = headingId;
  head.append(h2);
  for (const alert of alerts) {
    const badge = element('span', 'badge', t(`wallboard.alert.${alert}`));
    badge.dataset.tone = 'error';
    badge.dataset.alertKind = alert;
    head.append(badge);
  }
  li.append(head);

  const big = element('div', 'tile__big');
  big.append(
    bigFigure('waiting', t('wallboard.figure.waiting'), count(f.waiting)),
    bigFigure('longest', t('wallboard.figure.longest'),
      f.longestWaitingSince ? duration(secondsSince(f.longestWaitingSince, offsetMs)) : NONE, f.longestWaitingSince),
    bigFigure('sl', isTotal ? t('wallboard.figure.sl') : t('wallboard.figure.slWithin', { seconds: f.serviceLevelSeconds }),
      percent(f.serviceLevel)),
  );
  li.append(big);
  if (!isTotal) {
    li.append(element('p', 'tile__target hint', t('wallboard.figure.slTarget', { target: f.serviceLevelTarget })));
  }

  const dl = element('dl', 'tile__figures');
  dl.append(
    figure('asa', t('wallboard.figure.asa'), duration(f.asaSeconds)),
    figure('aht', t('wallboard.figure.aht'), duration(f.ahtSeconds)),
    figure('abandon-rate', t('wallboard.figure.abandonRate'), percent(f.abandonRate)),
    figure('answered', t('wallboard.figure.answered'), count(f.answered)),
    figure('abandoned', t('wallboard.figure.abandoned'), count(f.abandoned)),
    figure('callbacks', t('wallboard.figure.callbacks'), count(f.callbacksBooked)),
  );
  li.append(dl);
  li.append(agentsLine(f.agents));
  return li;
}

function agentsLine(agents) {
  const ul = element('ul', 'tile__agents');
  const parts = [
    ['ready', agents.ready],
    ['on_call', agents.onCall + agents.ringing],
    ['wrap_up', agents.wrapUp],
    ['not_ready', agents.notReady],
    ['offline', agents.offline],
  ];
  for (const [state, n] of parts) {
    const li = element('li', 'tile__agent');
    li.dataset.state = state;
    li.dataset.figure = `agents-${state}`;
    const label = state === 'offline' ? t('agent.state.offline') : t(`agent.state.${state}`);
    const value = element('strong', 'numeric', count(n));
    li.append(value, ' ', label);
    if (state === 'not_ready' && n > 0) {
      const reasons = Object.entries(agents.notReadyByReason)
        .map(([reason, k]) => `${reasonLabel(reason)} ${k}`).join(', ');
      li.append(element('span', 'tile__reasons', ` (${reasons})`));
    }
    ul.append(li);
  }
  return ul;
}

export function reasonLabel(reason) {
  const key = `agent.reason.${reason}`;
  const label = t(key);
  return label === key ? reason : label;
}

function bigFigure(name, label, value, since) {
  const div = element('div', 'tile__big-figure');
  const v = element('span', 'tile__big-value numeric', value);
  v.dataset.figure = name;
  if (since) v.dataset.since = since;
  div.append(v, element('span', 'tile__big-label', label));
  return div;
}

function figure(name, label, value) {
  const div = element('div', 'tile__figure');
  const dd = element('dd', 'numeric', value);
  dd.dataset.figure = name;
  div.append(element('dt', '', label), dd);
  return div;
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}
