// A supervisor's line into live calls (docs/protocol.md, "Supervisors"): the same socket and the same one media
// session per sitting as an agent's shift (agent/session.js, agent/media.js), and the monitor.* frames. The server
// switches a call's mixed audio into this session; joining, changing mode and leaving never renegotiate.
//
// Events (CustomEvent): 'calls' {calls} the live calls this supervisor may join (monitor.calls);
//   'state' {callId, mode, reason} this supervisor's own monitoring (mode null: not in a call);
//   'status' {socket, media} connection status of the socket ('open', ...) and the media ('connected', ...).

import { AgentSession } from '../agent/session.js';
import { ShiftMedia } from '../agent/media.js';

export const MODES = Object.freeze(['listen', 'whisper', 'barge']);

/**
 * The supervisor speaks rarely and briefly (a whispered hint), into a headset: echo cancellation stays on, but noise
 * suppression and automatic gain would first swallow the start of each hint, then pump its level.
 */
const SUPERVISOR_MICROPHONE = {
  audio: { echoCancellation: true, noiseSuppression: false, autoGainControl: false },
  video: false,
};

export class MonitorLine extends EventTarget {
  /** @param {{token: string, audio: HTMLAudioElement}} options */
  constructor({ token, audio }) {
    super();
    this.session = new AgentSession({ token });
    this.media = new ShiftMedia({
      audio, negotiate: (sdp) => this.session.offerMedia(sdp), microphone: SUPERVISOR_MICROPHONE,
    });
    this.calls = [];
    /** {callId, mode} while in a call, else null. */
    this.current = null;
    this.session.addEventListener('status', (e) => {
      if (e.detail.status === 'open') this.media.start();
      this.emitStatus();
    });
    this.session.addEventListener('ended', () => this.emitStatus());
    this.media.addEventListener('status', () => this.emitStatus());
    this.session.addEventListener('frame', (e) => this.onFrame(e.detail.frame));
  }

  start() {
    this.session.start();
  }

  close() {
    this.session.close();
    this.media.close();
  }

  onFrame(frame) {
    if (frame.type === 'monitor.calls' && Array.isArray(frame.calls)) {
      this.calls = frame.calls;
      const mine = this.calls.find((c) => c.mode);
      this.current = mine ? { callId: mine.callId, mode: mine.mode } : this.current;
      this.dispatchEvent(new CustomEvent('calls', { detail: { calls: this.calls } }));
    } else if (frame.type === 'monitor.state') {
      this.current = frame.mode ? { callId: frame.callId, mode: frame.mode } : null;
      this.dispatchEvent(new CustomEvent('state', {
        detail: { callId: frame.callId, mode: frame.mode ?? null, reason: frame.reason ?? null },
      }));
    }
  }

  emitStatus() {
    this.dispatchEvent(new CustomEvent('status', {
      detail: { socket: this.session.status, media: this.media.status },
    }));
  }

  /** The mode this supervisor has in callId, or null. */
  modeIn(callId) {
    return this.current && this.current.callId === callId ? this.current.mode : null;
  }

  /** Joins callId in mode, or changes the mode when already in it. Rejects with the server's error (code). */
  join(callId, mode) {
    if (!MODES.includes(mode)) return Promise.reject(new Error(`unknown mode ${mode}`));
    const type = this.modeIn(callId) ? 'monitor.mode' : 'monitor.start';
    return this.session.request(type, { callId, mode });
  }

  leave(callId) {
    return this.session.request('monitor.stop', { callId });
  }

  ready() {
    return this.session.status === 'open' && this.media.status === 'connected';
  }

  toneLevel(frequencyHz) {
    return this.media.toneLevel(frequencyHz);
  }

  toneDbfs(frequencyHz) {
    return this.media.toneDbfs(frequencyHz);
  }

  stats() {
    return this.media.stats();
  }
}
