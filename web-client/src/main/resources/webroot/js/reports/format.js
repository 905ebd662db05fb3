// Numbers and durations for the reports and the planner, in the page's language. A missing figure (no calls, so no
// average) shows as a dash, never as 0.

import { language, t } from '../i18n.js';

export function number(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(language(), { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(value);
}

export function percent(value, digits = 1) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${number(value, digits)} %`;
}

export function seconds(value) {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return '∞';
  if (value < 60) return `${number(value, value < 10 ? 1 : 0)} ${t('reports.unit.s')}`;
  const minutes = Math.floor(value / 60);
  const rest = Math.round(value - minutes * 60);
  return `${minutes}:${String(rest).padStart(2, '0')}`;
}

/** A date input's value for a Date, in the browser's zone (the server reads it as a day in the hotline's zone). */
export function day(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function cell(text, options = {}) {
  const td = document.createElement(options.header ? 'th' : 'td');
  if (options.header) td.scope = 'row';
  td.textContent = String(text);
  if (options.numeric) td.className = 'num';
  if (options.dir) td.dir = options.dir;
  return td;
}

/**
 * The figures of a summary card as the children of its <dl class="metrics">: one <div class="metric"> per
 * [labelKey, value, tone?] with the translated label as <dt> and the value as <dd> (data-tone when given).
 */
export function metricItems(items) {
  return items.map(([key, value, tone]) => {
    const div = document.createElement('div');
    div.className = 'metric';
    const dt = document.createElement('dt');
    dt.textContent = t(key);
    const dd = document.createElement('dd');
    dd.textContent = value;
    if (tone) dd.dataset.tone = tone;
    div.append(dt, dd);
    return div;
  });
}

/** The charts' colours from the page's own palette (css/app.css custom properties). */
export function palette() {
  const style = getComputedStyle(document.documentElement);
  const read = (name, otherwise) => style.getPropertyValue(name).trim() || otherwise;
  return {
    brand: read('--brand', '#2457d6'),
    ok: read('--ok', '#1a7f37'),
    warn: read('--warn', '#9a6700'),
    error: read('--error', '#cf222e'),
    muted: read('--muted', '#57606a'),
  };
}
