// The reports page (GET /api/reports/…): filters, summary figures, a chart by period (Chart.js from the server's
// WebJars), the rows, first-contact resolution against the seeds' 85 % target, repeat contacts, announced-wait
// accuracy, and the CSV download. Every string from the server is set as text, never as markup.

import { api, ApiError } from '../api.js';
import { initI18n, language, onLanguageChange, t } from '../i18n.js';
import { signedIn, signInAgain } from '../crm/signin.js';
import { cell, day, metricItems, number, palette, percent, seconds } from './format.js';

const el = {
  content: document.getElementById('content'),
  form: document.getElementById('filters'),
  from: document.getElementById('from'),
  to: document.getElementById('to'),
  queue: document.getElementById('queue'),
  agent: document.getElementById('agent'),
  entry: document.getElementById('entry'),
  by: document.getElementById('by'),
  granularity: document.getElementById('granularity'),
  csv: document.getElementById('csv'),
  status: document.getElementById('status'),
  zoneNote: document.getElementById('zone-note'),
  summary: document.getElementById('summary'),
  chart: document.getElementById('chart'),
  rowsHead: document.querySelector('#rows thead tr'),
  rows: document.querySelector('#rows tbody'),
  rowsEmpty: document.getElementById('rows-empty'),
  fcrNote: document.getElementById('fcr-note'),
  fcr: document.querySelector('#fcr tbody'),
  repeats: document.querySelector('#repeats tbody'),
  repeatsEmpty: document.getElementById('repeats-empty'),
  ewt: document.querySelector('#ewt tbody'),
  ewtEmpty: document.getElementById('ewt-empty'),
  queueList: document.getElementById('queue-list'),
  agentList: document.getElementById('agent-list'),
};
let session = null;
let chart = null;
let last = null;
/** Counts loads: an older load that answers after a newer one started is dropped, not drawn over it. */
let generation = 0;

/** The filters as query parameters (empty fields left out), with extra parameters on top. */
function params(extra = {}) {
  const p = new URLSearchParams({ from: el.from.value, to: el.to.value });
  if (el.queue.value.trim()) p.set('queue', el.queue.value.trim());
  if (el.agent.value.trim()) p.set('agent', el.agent.value.trim());
  const entry = el.entry.value.replace(/[\s()-]/g, '');
  if (entry) p.set('entry', entry);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p;
}

async function get(path) {
  try {
    return await api(path, { token: session.token });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      session = await signInAgain();
      return api(path, { token: session.token });
    }
    throw e;
  }
}

function showStatus(message, tone) {
  el.status.hidden = !message;
  el.status.textContent = message || '';
  if (tone) el.status.dataset.tone = tone;
}

async function load() {
  if (!el.form.reportValidity()) return;
  const mine = ++generation;
  showStatus(t('reports.loading'), 'info');
  const granularity = el.granularity.value;
  try {
    const [rows, byPeriod, total, fcr, repeats, ewt] = await Promise.all([
      get(`/api/reports/calls?${params({ by: el.by.value, granularity })}`),
      get(`/api/reports/calls?${params({ by: 'total', granularity: granularity === 'total' ? 'day' : granularity })}`),
      get(`/api/reports/calls?${params({ by: 'total', granularity: 'total' })}`),
      get(`/api/reports/fcr?${params({ by: 'line', granularity: 'total' })}`),
      get(`/api/reports/repeats?${params({ limit: '200' })}`),
      get(`/api/reports/ewt?${params({ by: 'queue', granularity: 'total' })}`),
    ]);
    if (mine !== generation) return;
    last = { rows, byPeriod, total, fcr, repeats, ewt };
    render();
    showStatus('');
  } catch (e) {
    if (mine === generation) showStatus(t('reports.failed', { message: e.message }), 'error');
  }
}

function render() {
  if (!last) return;
  const { rows, byPeriod, total, fcr, repeats, ewt } = last;
  el.zoneNote.textContent = t('reports.zone', { zone: rows.zone, sl: rows.slSeconds });
  renderSummary(total.rows[0] ?? {}, fcr);
  renderChart(byPeriod.rows);
  renderRows(rows.rows);
  renderFcr(fcr);
  renderRepeats(repeats.items);
  renderEwt(ewt.rows);
  fillLists(rows.rows);
}

function renderSummary(total, fcr) {
  const firstTwo = fcr.rows.find((r) => r.group === 'L1+L2');
  const items = [
    ['reports.col.offered', number(total.offered ?? 0)],
    ['reports.col.answered', number(total.answered ?? 0)],
    ['reports.col.abandoned', `${number(total.abandoned ?? 0)} (${percent(total.abandonRate)})`],
    ['reports.col.sl', percent(total.serviceLevel)],
    ['reports.col.asa', seconds(total.asaSeconds)],
    ['reports.col.aht', seconds(total.ahtSeconds)],
    ['reports.col.csat', total.csatCount ? `${number(total.csatAverage, 2)} / 5` : '—'],
    ['reports.fcr.firstTwo', firstTwo ? percent(firstTwo.fcrRate) : '—',
      firstTwo && firstTwo.fcrRate !== null ? (firstTwo.fcrRate > fcr.targetPercent ? 'ok' : 'error') : null],
  ];
  el.summary.replaceChildren(...metricItems(items));
}

function renderChart(rows) {
  const colours = palette();
  const labels = rows.map((r) => r.period ?? '');
  const data = {
    labels,
    datasets: [
      { type: 'bar', label: t('reports.col.answered'), data: rows.map((r) => r.answered), backgroundColor: colours.ok,
        stack: 'calls', yAxisID: 'calls' },
      { type: 'bar', label: t('reports.col.abandoned'), data: rows.map((r) => r.abandoned),
        backgroundColor: colours.error, stack: 'calls', yAxisID: 'calls' },
      { type: 'line', label: t('reports.col.sl'), data: rows.map((r) => r.serviceLevel), borderColor: colours.brand,
        backgroundColor: colours.brand, yAxisID: 'percent', tension: 0.2, spanGaps: true },
    ],
  };
  const options = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      calls: { type: 'linear', position: 'left', stacked: true, beginAtZero: true,
        title: { display: true, text: t('reports.chart.calls') } },
      percent: { type: 'linear', position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false },
        title: { display: true, text: t('reports.col.sl') } },
      x: { stacked: true },
    },
  };
  if (chart) chart.destroy();
  chart = new window.Chart(el.chart, { data, options });
}

const COLUMNS = [
  ['reports.col.offered', (r) => number(r.offered)],
  ['reports.col.answered', (r) => number(r.answered)],
  ['reports.col.abandoned', (r) => number(r.abandoned)],
  ['reports.col.abandonedShort', (r) => number(r.abandonedShort)],
  ['reports.col.sl', (r) => percent(r.serviceLevel)],
  ['reports.col.slAnswered', (r) => percent(r.serviceLevelAnswered)],
  ['reports.col.asa', (r) => seconds(r.asaSeconds)],
  ['reports.col.aht', (r) => seconds(r.ahtSeconds)],
  ['reports.col.longestWait', (r) => seconds(r.longestWaitSeconds)],
  ['reports.col.callbacks', (r) => `${number(r.callbacksBooked)} / ${number(r.callbacksDialled)} / ${number(r.callbacksReached)}`],
  ['reports.col.voicemails', (r) => number(r.voicemails)],
  ['reports.col.csat', (r) => (r.csatCount ? `${number(r.csatAverage, 2)} (${number(r.csatCount)})` : '—')],
  ['reports.col.csatSpread', (r) => [1, 2, 3, 4, 5].map((s) => r[`csat${s}`] ?? 0).join(' · ')],
  ['reports.col.transfers', (r) => number(r.transfers)],
];

function renderRows(rows) {
  const head = [t(`reports.by.${el.by.value}`), t('reports.granularity')].concat(COLUMNS.map(([k]) => t(k)));
  el.rowsHead.replaceChildren(...head.map((text) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    return th;
  }));
  el.rows.replaceChildren(...rows.map((r) => {
    const tr = document.createElement('tr');
    const group = r.group === null ? (el.by.value === 'total' ? t('reports.by.total') : t('reports.none.group'))
      : (r.name && r.name !== r.group ? `${r.name} (${r.group})` : r.group);
    tr.append(cell(group, { header: true }), cell(r.period ?? t('reports.granularity.total')));
    for (const [, render] of COLUMNS) tr.append(cell(render(r), { numeric: true }));
    return tr;
  }));
  el.rowsEmpty.hidden = rows.length > 0;
}

function renderFcr(fcr) {
  el.fcrNote.textContent = t('reports.fcr.note', { days: fcr.windowDays, target: fcr.targetPercent });
  el.fcr.replaceChildren(...fcr.rows.map((r) => {
    const tr = document.createElement('tr');
    const rate = cell(percent(r.fcrRate), { numeric: true });
    const met = r.fcrRate !== null && r.fcrRate > fcr.targetPercent;
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.dataset.tone = met ? 'ok' : 'error';
    badge.textContent = met ? t('reports.fcr.met') : t('reports.fcr.below');
    rate.append(' ', badge);
    tr.append(cell(r.group, { header: true }), cell(number(r.contacts), { numeric: true }),
      cell(number(r.marked), { numeric: true }), cell(number(r.repeated), { numeric: true }), rate,
      cell(`> ${number(fcr.targetPercent)} %`, { numeric: true }));
    return tr;
  }));
}

function renderRepeats(items) {
  const when = new Intl.DateTimeFormat(language(), { dateStyle: 'short', timeStyle: 'short' });
  el.repeats.replaceChildren(...items.map((r) => {
    const tr = document.createElement('tr');
    tr.append(cell(when.format(new Date(r.at)), { header: true }), cell(r.from, { dir: 'ltr' }), cell(r.queue ?? '—'),
      cell(r.agentName ?? r.agent ?? '—'), cell(r.markedResolved ? t('reports.yes') : t('reports.no')),
      cell(when.format(new Date(r.nextAt))));
    return tr;
  }));
  el.repeatsEmpty.hidden = items.length > 0;
}

function renderEwt(rows) {
  el.ewt.replaceChildren(...rows.map((r) => {
    const tr = document.createElement('tr');
    tr.append(cell(r.group ?? '—', { header: true }), cell(number(r.announcedCalls), { numeric: true }),
      cell(seconds(r.announcedSeconds), { numeric: true }), cell(seconds(r.actualSeconds), { numeric: true }),
      cell(r.errorSeconds === null ? '—' : `${r.errorSeconds > 0 ? '+' : ''}${number(r.errorSeconds, 1)} ${t('reports.unit.s')}`,
        { numeric: true }),
      cell(r.absoluteErrorSeconds === null ? '—' : `${number(r.absoluteErrorSeconds, 1)} ${t('reports.unit.s')}`, { numeric: true }));
    return tr;
  }));
  el.ewtEmpty.hidden = rows.length > 0;
}

/** Suggestions for the queue and agent filters, from the rows already loaded. */
function fillLists(rows) {
  const add = (list, values) => {
    const known = new Set([...list.options].map((o) => o.value));
    for (const [value, label] of values) {
      if (value && !known.has(value)) {
        const option = document.createElement('option');
        option.value = value;
        option.label = label || value;
        list.append(option);
      }
    }
  };
  if (el.by.value === 'queue') add(el.queueList, rows.map((r) => [r.group, r.name]));
  if (el.by.value === 'agent') add(el.agentList, rows.map((r) => [r.group, r.name]));
}

async function downloadCsv() {
  if (!el.form.reportValidity()) return;
  const path = `/api/reports/calls.csv?${params({ by: el.by.value, granularity: el.granularity.value })}`;
  const response = await fetch(path, { headers: { Authorization: `Bearer ${session.token}` }, cache: 'no-store' });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    showStatus(t('reports.failed', { message: body.error ?? `HTTP ${response.status}` }), 'error');
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `calls-report-${el.from.value}-${el.to.value}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const today = new Date();
el.to.value = day(today);
el.from.value = day(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6));
el.form.addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
el.csv.addEventListener('click', () => downloadCsv());

await initI18n();
onLanguageChange(render);
session = await signedIn();
el.content.hidden = false;
load();
