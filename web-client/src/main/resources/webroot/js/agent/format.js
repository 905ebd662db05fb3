// How the desktop writes times, numbers and the server's words (states, reasons) in the agent's language.

import { KNOWN_REASONS } from './desk.js';
import { language, t } from '../i18n.js';

/** 75 → "01:15"; an hour or more → "1:02:03". */
export function formatDuration(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

export function formatNumber(value, digits) {
  return new Intl.NumberFormat(language(), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

/** A not-ready reason: the known ones translated, a site-specific one ("coaching_1on1") made readable. */
export function reasonLabel(reason) {
  if (!reason) return '';
  if (KNOWN_REASONS.includes(reason)) return t(`agent.reason.${reason}`);
  const words = String(reason).replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toLocaleUpperCase(language()) + words.slice(1);
}

/** "Ready", "Not ready · Lunch", "Ringing", "On call". */
export function stateLabel(agentState) {
  if (!agentState) return t('agent.state.unknown');
  const name = t(`agent.state.${agentState.state}`);
  return agentState.state === 'not_ready' && agentState.reason ? `${name} · ${reasonLabel(agentState.reason)}` : name;
}

/** The caller as the agent should read it; withheld numbers arrive empty or as "anonymous". */
export function callerLabel(number) {
  const n = String(number ?? '').trim();
  return !n || /^(anonymous|unknown|restricted)$/i.test(n) ? t('agent.caller.unknown') : n;
}
