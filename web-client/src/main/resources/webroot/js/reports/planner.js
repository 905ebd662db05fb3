// The capacity planner page (GET /api/planner): the load measured from the stored calls of a range of days (each
// hour of the day averaged over them) or typed in, a target, and per hour the agents (Erlang C), the lines by the
// seeds' one-and-a-half rule and their busy-signal probability (Erlang B), drawn with Chart.js.

import { api, ApiError } from '../api.js';
import { initI18n, onLanguageChange, t } from '../i18n.js';
import { signedIn, signInAgain } from '../crm/signin.js';
import { cell, day, metricItems, number, palette, percent, seconds } from './format.js';

const form = document.getElementById('plan-form');
const el = {
  content: document.getElementById('content'),
  status: document.getElementById('status'),
  peak: document.getElementById('peak'),
  chartCard: document.getElementById('chart-card'),
  chart: document.getElementById('chart'),
  hours: document.querySelector('#hours tbody'),
};
const TARGET = ['targetSl', 'threshold', 'targetAsa', 'maxOccupancy', 'headroom', 'maxBlocking'];
let session = null;
let chart = null;
let last = null;

function source() {
  return form.elements.source.value;
}

function showSource() {
  for (const field of form.querySelectorAll('[data-source]')) {
    field.hidden = field.dataset.source !== source();
  }
}

function params() {
  const p = new URLSearchParams();
  for (const name of TARGET) p.set(name, form.elements[name].value);
  p.set('ahtSeconds', form.elements.ahtSeconds.value);
  if (source() === 'typed') {
    p.set('callsPerHour', form.elements.callsPerHour.value);
  } else {
    p.set('from', form.elements.from.value);
    p.set('to', form.elements.to.value);
    const queue = form.elements.queue.value.trim();
    if (queue) p.set('queue', queue);
  }
  return p;
}

async function plan() {
  if (!form.reportValidity()) return;
  el.status.hidden = true;
  try {
    last = await api(`/api/planner?${params()}`, { token: session.token });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      session = await signInAgain();
      return plan();
    }
    el.status.hidden = false;
    el.status.dataset.tone = 'error';
    el.status.textContent = t('reports.failed', { message: e.message });
    return;
  }
  render();
}

function render() {
  if (!last) return;
  const hours = last.hours;
  const peak = hours.reduce((a, b) => (b.agents > a.agents ? b : a), hours[0]);
  const items = [
    ['planner.hour', peak.hour ?? '—'],
    ['planner.callsPerHour', number(peak.callsPerHour, 1)],
    ['planner.agents', number(peak.agents)],
    ['planner.sl', percent(peak.serviceLevel)],
    ['planner.asa', seconds(peak.asaSeconds)],
    ['planner.occupancy', percent(peak.occupancy)],
    ['planner.lines', number(peak.lines)],
    ['planner.blocking', percent(peak.lineBlocking, 2)],
  ];
  el.peak.replaceChildren(...metricItems(items));
  el.hours.replaceChildren(...hours.map((h) => {
    const tr = document.createElement('tr');
    tr.append(cell(h.hour === null ? '—' : `${h.hour}:00`, { header: true }),
      cell(number(h.callsPerHour, 1), { numeric: true }), cell(seconds(h.ahtSeconds), { numeric: true }),
      cell(number(h.erlangs, 2), { numeric: true }), cell(number(h.agents), { numeric: true }),
      cell(percent(h.serviceLevel), { numeric: true }), cell(seconds(h.asaSeconds), { numeric: true }),
      cell(percent(h.occupancy), { numeric: true }),
      cell(h.linesForBlocking > h.lines ? `${number(h.lines)} (${t('planner.linesShort', { lines: h.linesForBlocking })})`
        : number(h.lines), { numeric: true }),
      cell(percent(h.lineBlocking, 2), { numeric: true }));
    return tr;
  }));
  el.chartCard.hidden = hours.length < 2;
  if (chart) chart.destroy();
  chart = null;
  if (hours.length < 2) return;
  const colours = palette();
  chart = new window.Chart(el.chart, {
    data: {
      labels: hours.map((h) => `${h.hour}:00`),
      datasets: [
        { type: 'bar', label: t('planner.agents'), data: hours.map((h) => h.agents), backgroundColor: colours.brand,
          yAxisID: 'people' },
        { type: 'line', label: t('planner.lines'), data: hours.map((h) => h.lines), borderColor: colours.warn,
          backgroundColor: colours.warn, yAxisID: 'people', stepped: 'middle' },
        { type: 'line', label: t('planner.callsPerHour'), data: hours.map((h) => h.callsPerHour),
          borderColor: colours.muted, backgroundColor: colours.muted, borderDash: [4, 4], yAxisID: 'calls' },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        people: { type: 'linear', position: 'left', beginAtZero: true, ticks: { precision: 0 },
          title: { display: true, text: t('planner.agentsAndLines') } },
        calls: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
          title: { display: true, text: t('planner.callsPerHour') } },
      },
    },
  });
}

const today = new Date();
form.elements.to.value = day(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1));
form.elements.from.value = day(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 28));
for (const radio of form.elements.source) radio.addEventListener('change', showSource);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  plan();
});

await initI18n();
onLanguageChange(render);
session = await signedIn();
el.content.hidden = false;
showSource();
plan();
