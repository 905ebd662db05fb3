// The agent's own state (badge, time in state, Ready / Not ready) and the health of the shift's connections (the
// header pills and the Connection card).

import { t } from '../i18n.js';
import { formatDuration, formatNumber, reasonLabel, stateLabel } from './format.js';

export class StatusPanel {
  /** @param {{ready: () => void, notReady: (reason: string) => void}} actions */
  constructor(actions) {
    this.el = {
      badge: document.getElementById('state-badge'),
      time: document.getElementById('state-time'),
      timeLine: document.getElementById('state-time-line'),
      ready: document.getElementById('go-ready'),
      reason: document.getElementById('reason'),
      notReady: document.getElementById('go-not-ready'),
      hint: document.getElementById('ready-hint'),
      socketPill: document.getElementById('socket-pill'),
      socketText: document.getElementById('socket-pill-text'),
      mediaPill: document.getElementById('media-pill'),
      mediaText: document.getElementById('media-pill-text'),
      dtls: document.getElementById('metric-dtls'),
      rtt: document.getElementById('metric-rtt'),
      loss: document.getElementById('metric-loss'),
      packets: document.getElementById('metric-packets'),
    };
    this.desk = null;
    this.context = null;
    this.agentState = null;
    this.reasons = [];
    this.stats = null;
    this.el.ready.addEventListener('click', () => actions.ready());
    this.el.notReady.addEventListener('click', () => actions.notReady(this.el.reason.value));
    this.el.reason.addEventListener('change', () => this.desk && this.render(this.desk, this.context));
    this.el.ready.setAttribute('aria-describedby', this.el.hint.id);
  }

  /**
   * @param {import('./desk.js').Desk} desk
   * @param {{socket: string, media: string, mediaFailure: string|null, busy: boolean}} context busy: a state.set
   *   is waiting for the server
   */
  render(desk, context) {
    const { socket, media, mediaFailure, busy } = context;
    this.desk = desk;
    this.context = context;
    this.agentState = desk.agentState;
    const state = desk.agentState?.state ?? null;
    // Without a state from the server, the badge says why: still connecting, or cut off.
    this.el.badge.textContent = state ? stateLabel(desk.agentState) : t(socket === 'closed' ? 'agent.state.offline' : 'agent.state.unknown');
    this.el.badge.dataset.state = state ?? 'unknown';
    this.el.timeLine.hidden = !state;

    this.renderReasons(desk);
    const socketOpen = socket === 'open';
    const mediaConnected = media === 'connected';
    const inCall = state === 'ringing' || state === 'on_call';
    this.el.ready.disabled = !socketOpen || !mediaConnected || inCall || busy || state === 'ready';
    this.el.reason.disabled = !socketOpen || inCall || this.reasons.length === 0;
    const sameReason = state === 'not_ready' && desk.agentState.reason === this.el.reason.value;
    this.el.notReady.disabled = !socketOpen || inCall || busy || this.reasons.length === 0 || sameReason;
    this.el.ready.dataset.active = String(state === 'ready');

    // Say why Ready cannot be pressed, the thing agents ask their supervisor most.
    let hint = null;
    if (!socketOpen) hint = 'agent.status.hintOffline';
    else if (!mediaConnected && state !== 'ready') hint = 'agent.status.hintNeedsAudio';
    else if (inCall) hint = 'agent.status.hintInCall';
    this.el.hint.hidden = hint === null;
    if (hint) this.el.hint.textContent = t(hint);

    this.el.socketPill.dataset.tone = { open: 'ok', closed: 'error' }[socket] ?? 'warn';
    this.el.socketText.textContent = t(`agent.socket.${socket}`);
    this.el.mediaPill.dataset.tone = { connected: 'ok', failed: 'error' }[media] ?? 'warn';
    this.el.mediaText.textContent = t(`agent.media.${media}`, {
      failure: mediaFailure ? t(`agent.media.failure.${mediaFailure}`) : '',
    });
    this.tick(Date.now());
  }

  renderReasons(desk) {
    const reasons = desk.notReadyReasons;
    const same = reasons.length === this.reasons.length && reasons.every((r, i) => r === this.reasons[i]);
    const previous = this.el.reason.value;
    if (!same) {
      this.reasons = [...reasons];
      this.el.reason.replaceChildren(...reasons.map((reason) => new Option(reasonLabel(reason), reason)));
      const current = desk.agentState?.state === 'not_ready' ? desk.agentState.reason : null;
      const keep = reasons.includes(previous) ? previous : reasons.includes(current) ? current : reasons[0];
      if (keep) this.el.reason.value = keep;
    } else {
      for (const option of this.el.reason.options) option.textContent = reasonLabel(option.value);
    }
  }

  tick(now) {
    this.el.time.textContent = this.agentState ? formatDuration((now - this.agentState.sinceMs) / 1000) : formatDuration(0);
  }

  /** @param {{dtlsState: string, rttMs: number|null, lossPercent: number|null, packetsReceived: number} | null} stats */
  renderStats(stats) {
    this.stats = stats;
    const none = t('check.none');
    this.el.dtls.textContent = stats ? t(`state.${stats.dtlsState}`) : none;
    if (stats) this.el.dtls.dataset.state = stats.dtlsState;
    else delete this.el.dtls.dataset.state;
    this.el.rtt.textContent = stats?.rttMs == null ? none : t('check.unit.ms', { value: formatNumber(stats.rttMs, 0) });
    this.el.loss.textContent = stats?.lossPercent == null ? none
      : t('check.unit.percent', { value: formatNumber(stats.lossPercent, 1) });
    this.el.packets.textContent = stats ? formatNumber(stats.packetsReceived, 0) : none;
  }
}
