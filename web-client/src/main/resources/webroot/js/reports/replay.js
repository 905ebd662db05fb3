// The replay page (POST /api/replay): a recorded day run through the routing engine in simulated time with the
// configuration in force ("before") and a draft of it ("after": absent agents, changed or older documents), per
// queue the service level, speed of answer and abandons side by side with the day as recorded, drawn with Chart.js.

import { api, ApiError } from '../api.js';
import { initI18n, onLanguageChange, t } from '../i18n.js';
import { signedIn, signInAgain } from '../crm/signin.js';
import { cell, day, metricItems, number, palette, percent, seconds } from './format.js';

const form = document.getElementById('replay-form');
const el = {
  content: document.getElementById('content'),
  status: document.getElementById('status'),
  summaryCard: document.getElementById('summary-card'),
  summary: document.getElementById('summary'),
  chartCard: document.getElementById('chart-card'),
  chart: document.getElementById('chart'),
  queuesCard: document.getElementById('queues-card'),
  queues: document.querySelector('#queues tbody'),
};
let session = null;
let chart = null;
let last = null;

function showStatus(text, tone) {
  el.status.hidden = !text;
  el.status.textContent = text || '';
  if (tone) el.status.dataset.tone = tone; else delete el.status.dataset.tone;
}

function request() {
  const body = { day: form.elements.day.value };
  const absent = form.elements.absent.value.split(',').map((s) => s.trim()).filter(Boolean);
  if (absent.length) body.absentAgents = absent;
  const text = form.elements.changes.value.trim();
  if (text) {
    let changes;
    try {
      changes = JSON.parse(text);
    } catch {
      throw new Error(t('replay.badJson'));
    }
    body.changes = Array.isArray(changes) ? changes : [changes];
  }
  return body;
}

async function run() {
  if (!form.reportValidity()) return;
  let body;
  try {
    body = request();
  } catch (e) {
    showStatus(e.message, 'error');
    form.elements.changes.focus();
    return;
  }
  showStatus(t('replay.running'));
  try {
    last = await api('/api/replay', { token: session.token, method: 'POST', body });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      session = await signInAgain();
      return run();
    }
    showStatus(t('reports.failed', { message: e.message }), 'error');
    return;
  }
  showStatus('');
  render();
}

function byQueue(list) {
  return new Map((list || []).map((q) => [q.queue, q]));
}

function render() {
  if (!last) return;
  const before = byQueue(last.before.queues);
  const after = byQueue(last.after.queues);
  const recorded = byQueue(last.recorded);
  const ids = [...new Set([...before.keys(), ...after.keys()])]
    .filter((id) => (before.get(id)?.offered || 0) + (after.get(id)?.offered || 0) > 0);
  const items = [
    ['replay.calls', number(last.calls)],
    ['replay.agents', number(last.agents.length)],
    ['replay.patience', last.patience.meanSeconds === null ? t('replay.noAbandons') : seconds(last.patience.meanSeconds)],
    ['replay.differently', number(last.after.callsRoutedDifferently)],
    ['replay.asRecorded', `${number(last.before.callsAsRecorded)} / ${number(last.calls)}`],
    ['replay.speed', t('replay.timesRealTime', { times: number(last.after.speed.timesRealTime) })],
  ];
  el.summary.replaceChildren(...metricItems(items));
  el.queues.replaceChildren(...ids.map((id) => {
    const r = recorded.get(id) || {};
    const b = before.get(id) || {};
    const a = after.get(id) || {};
    const tr = document.createElement('tr');
    tr.dataset.queue = id;
    tr.append(cell(id, { header: true }), cell(number(b.offered), { numeric: true }),
      cell(percent(r.serviceLevel), { numeric: true }), cell(percent(b.serviceLevel), { numeric: true }),
      cell(percent(a.serviceLevel), { numeric: true }),
      cell(seconds(r.asaSeconds), { numeric: true }), cell(seconds(b.asaSeconds), { numeric: true }),
      cell(seconds(a.asaSeconds), { numeric: true }),
      cell(percent(r.abandonRate), { numeric: true }), cell(percent(b.abandonRate), { numeric: true }),
      cell(percent(a.abandonRate), { numeric: true }));
    return tr;
  }));
  el.summaryCard.hidden = false;
  el.queuesCard.hidden = false;
  el.chartCard.hidden = ids.length === 0;
  if (chart) chart.destroy();
  chart = null;
  if (!ids.length) return;
  const colours = palette();
  chart = new window.Chart(el.chart, {
    type: 'bar',
    data: {
      labels: ids,
      datasets: [
        { label: t('replay.before'), data: ids.map((id) => before.get(id)?.serviceLevel ?? null),
          backgroundColor: colours.muted },
        { label: t('replay.after'), data: ids.map((id) => after.get(id)?.serviceLevel ?? null),
          backgroundColor: colours.brand },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: t('replay.sl') } } },
    },
  });
}

const today = new Date();
form.elements.day.value = day(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1));
const asked = new URLSearchParams(location.search).get('day');
if (asked) form.elements.day.value = asked;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});

await initI18n();
onLanguageChange(render);
session = await signedIn();
el.content.hidden = false;
