// The reports page's quality section (GET /api/reports/quality): average evaluation scores by agent over time, as
// a line per agent (Chart.js from the server's WebJars) and a table. It follows the page's filters: it loads when
// the page shows its content after sign-in, and again on every "Show".

import { api } from '../api.js';
import { language, onLanguageChange, t } from '../i18n.js';
import { storedSession } from '../agent/login.js';
import { cell, number, palette } from './format.js';

const el = {
  content: document.getElementById('content'),
  form: document.getElementById('filters'),
  from: document.getElementById('from'),
  to: document.getElementById('to'),
  queue: document.getElementById('queue'),
  agent: document.getElementById('agent'),
  granularity: document.getElementById('granularity'),
  chart: document.getElementById('quality-chart'),
  rows: document.querySelector('#quality tbody'),
  empty: document.getElementById('quality-empty'),
};
let chart = null;
let last = null;
let generation = 0;

function period() {
  // Scores are few: by week unless the page asks for whole days or the whole range.
  return el.granularity.value === 'day' || el.granularity.value === 'total' ? el.granularity.value : 'week';
}

async function load() {
  const session = storedSession();
  if (!session || !el.from.value || !el.to.value) return;
  const mine = ++generation;
  const p = new URLSearchParams({ from: el.from.value, to: el.to.value, by: 'agent', granularity: period() });
  if (el.queue.value.trim()) p.set('queue', el.queue.value.trim());
  if (el.agent.value.trim()) p.set('agent', el.agent.value.trim());
  try {
    const report = await api(`/api/reports/quality?${p}`, { token: session.token });
    if (mine !== generation) return;
    last = report.rows;
    render();
  } catch (e) {
    if (mine !== generation) return;
    last = [];
    render();
    el.empty.hidden = false;
    el.empty.textContent = t('reports.failed', { message: e.message });
  }
}

function render() {
  if (!last) return;
  el.empty.textContent = t('reports.quality.none');
  el.rows.replaceChildren(...last.map((r) => {
    const tr = document.createElement('tr');
    tr.append(cell(r.name ?? r.group ?? '—', { header: true }), cell(r.period ?? t('reports.granularity.total')),
      cell(number(r.evaluations), { numeric: true }), cell(`${number(r.averageScore, 1)} %`, { numeric: true }),
      cell(`${number(r.minScore, 1)} – ${number(r.maxScore, 1)}`, { numeric: true }),
      cell(number(r.criticalFailures), { numeric: true }), cell(number(r.disputed), { numeric: true }));
    return tr;
  }));
  el.empty.hidden = last.length > 0;
  drawChart();
}

function drawChart() {
  const periods = [...new Set(last.map((r) => r.period ?? t('reports.granularity.total')))].sort();
  const agents = new Map();
  for (const r of last) {
    const key = r.group ?? '—';
    if (!agents.has(key)) agents.set(key, { label: r.name ?? key, scores: new Map() });
    agents.get(key).scores.set(r.period ?? t('reports.granularity.total'), r.averageScore);
  }
  const colours = palette();
  const cycle = [colours.brand, colours.ok, colours.warn, colours.error, colours.muted];
  const datasets = [...agents.values()].map((a, i) => ({
    label: a.label,
    data: periods.map((p) => a.scores.get(p) ?? null),
    borderColor: cycle[i % cycle.length],
    backgroundColor: cycle[i % cycle.length],
    spanGaps: true,
    tension: 0.2,
  }));
  if (chart) chart.destroy();
  chart = new window.Chart(el.chart, {
    type: 'line',
    data: { labels: periods, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: language(),
      scales: { y: { min: 0, max: 100, title: { display: true, text: t('reports.quality.average') } } },
    },
  });
}

el.form.addEventListener('submit', () => load());
onLanguageChange(render);
// reports.js shows the content once signed in; load then (and right away when it already is).
new MutationObserver(() => {
  if (!el.content.hidden) load();
}).observe(el.content, { attributes: true, attributeFilter: ['hidden'] });
if (!el.content.hidden) load();
