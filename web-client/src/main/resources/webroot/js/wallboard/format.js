// How the boards write figures: durations as m:ss (h:mm:ss past an hour), percentages with one decimal, a dash for
// a figure that has no value yet (no call counted today).

import { language } from '../i18n.js';

export const NONE = '—';

export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return NONE;
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export function percent(value) {
  if (value === null || value === undefined) return NONE;
  // A no-break space keeps the number and its sign together on a narrow tile.
  return `${new Intl.NumberFormat(language(), { maximumFractionDigits: 1 }).format(value)}\u00a0%`;
}

export function count(value) {
  return new Intl.NumberFormat(language()).format(value ?? 0);
}

/** Seconds from an ISO instant to now on the server's clock (offsetMs = server clock − this clock). */
export function secondsSince(iso, offsetMs) {
  if (!iso) return null;
  return (Date.now() + offsetMs - Date.parse(iso)) / 1000;
}
