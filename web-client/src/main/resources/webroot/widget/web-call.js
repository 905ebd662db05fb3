// One website visitor's call (docs/protocol.md, "Web call"): a call token fetched when the page loads, then per
// call a microphone, one RTCPeerConnection to the server (ICE-lite, DTLS-SRTP, G.711) and the /ws/web-call socket
// that carries the offer, the answer and what the caller experiences (ringing, queued at a position, connected,
// the survey, ended). Keys go as RFC 4733 events through RTCDTMFSender, so the IVR and the survey hear them.
//
// Events: 'state' {state, detail}. States: idle, starting, microphone, connecting, ringing, queued, connected,
// survey, ended, error. 'error' carries detail.code (the server's code, or microphone / network / unsupported).

import { ToneDetector } from '../js/tone-detector.js';
import { preferG711 } from '../js/webrtc-audio.js';

const MICROPHONE = {
  audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  video: false,
};

export class WebCall extends EventTarget {
  /**
   * @param {{server: URL, entry: string, script: HTMLScriptElement|null}} options server is the widget's own base
   *   URL; script its tag, whose data-ice-transport-policy is read when a call starts
   */
  constructor({ server, entry, script = null }) {
    super();
    this.server = server;
    this.script = script;
    this.entry = entry;
    this.token = null;
    this.iceServers = [];
    this.tokenError = null;
    this.state = 'idle';
    this.statesSeen = ['idle'];
    this.detail = {};
    this.callId = null;
    this.pc = null;
    this.ws = null;
    this.microphone = null;
    this.detector = null;
    this.audio = null;
    this.connectedAt = null;
  }

  /** The call token for this page load (GET /api/web-call/token); a refusal is kept and shown on call. */
  async loadToken() {
    try {
      const url = new URL('api/web-call/token', this.server);
      url.searchParams.set('entry', this.entry ?? '');
      const response = await fetch(url, { credentials: 'omit', cache: 'no-store' });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        this.tokenError = body.code || 'unavailable';
        return false;
      }
      this.token = body.token;
      this.iceServers = Array.isArray(body.iceServers) ? body.iceServers : [];
      this.tokenError = null;
      return true;
    } catch (e) {
      console.warn('switchboard widget: no call token', e);
      this.tokenError = 'network';
      return false;
    }
  }

  setState(state, detail = {}) {
    this.state = state;
    this.detail = detail;
    if (this.statesSeen[this.statesSeen.length - 1] !== state) this.statesSeen.push(state);
    if (state === 'connected' && this.connectedAt === null) this.connectedAt = Date.now();
    this.dispatchEvent(new CustomEvent('state', { detail: { state, detail } }));
  }

  active() {
    return !['idle', 'ended', 'error'].includes(this.state);
  }

  /** Places the call. {name, number} are what the visitor typed (optional). */
  async start({ name = '', number = '' } = {}) {
    if (this.active()) return;
    this.callId = null;
    this.connectedAt = null;
    this.setState('starting');
    if (!this.token && !(await this.loadToken())) {
      this.setState('error', { code: this.tokenError });
      return;
    }
    if (!window.RTCPeerConnection || !navigator.mediaDevices?.getUserMedia) {
      this.setState('error', { code: 'unsupported' });
      return;
    }
    this.setState('microphone');
    try {
      this.microphone = await navigator.mediaDevices.getUserMedia(MICROPHONE);
    } catch (e) {
      console.warn('switchboard widget: no microphone', e);
      this.setState('error', { code: 'microphone', reason: e.name === 'NotFoundError' ? 'missing' : 'denied' });
      return;
    }
    this.setState('connecting');
    const pc = new RTCPeerConnection({
      iceServers: this.iceServers,
      // 'relay' (data-ice-transport-policy) sends everything through TURN: for networks that allow nothing else.
      iceTransportPolicy: this.script?.dataset.iceTransportPolicy === 'relay' ? 'relay' : 'all',
      bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require',
    });
    this.pc = pc;
    const [track] = this.microphone.getAudioTracks();
    preferG711(pc.addTransceiver(track, { direction: 'sendrecv', streams: [this.microphone] }));
    pc.addEventListener('track', (event) => this.onRemoteTrack(event));
    pc.addEventListener('connectionstatechange', () => {
      if (pc === this.pc && pc.connectionState === 'failed') this.fail('network');
    });
    try {
      await pc.setLocalDescription(await pc.createOffer());
    } catch (e) {
      this.fail('unsupported');
      return;
    }
    this.openSocket(pc.localDescription.sdp, name, number);
  }

  openSocket(sdp, name, number) {
    const url = new URL('ws/web-call', this.server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.addEventListener('open', () => {
      const call = { type: 'call', entry: this.entry, token: this.token, sdp, page: location.href.slice(0, 500) };
      if (name.trim()) call.name = name.trim().slice(0, 80);
      if (number.trim()) call.number = number.trim().slice(0, 24);
      ws.send(JSON.stringify(call));
    });
    ws.addEventListener('message', (event) => this.onMessage(ws, event.data));
    ws.addEventListener('close', () => {
      if (ws !== this.ws) return;
      this.ws = null;
      if (this.active()) this.finish('ended', { reason: 'network' });
    });
  }

  async onMessage(ws, data) {
    if (ws !== this.ws) return;
    let message;
    try {
      message = JSON.parse(data);
    } catch (e) {
      return;
    }
    switch (message.type) {
      case 'answer':
        try {
          await this.pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
        } catch (e) {
          console.warn('switchboard widget: answer refused', e);
          this.hangup();
          this.setState('error', { code: 'unsupported' });
        }
        break;
      case 'call':
        this.callId = message.callId;
        break;
      case 'status':
        if (message.state === 'ended') {
          this.finish('ended', { outcome: message.outcome, reason: message.reason });
        } else if (this.active()) {
          this.setState(message.state, {
            position: message.position ?? null,
            estimatedWaitSeconds: message.estimatedWaitSeconds ?? null,
          });
        }
        break;
      case 'error':
        this.finish('error', { code: message.code });
        break;
      default:
        break;
    }
  }

  onRemoteTrack(event) {
    if (event.track.kind !== 'audio') return;
    const stream = event.streams[0] || new MediaStream([event.track]);
    // Chromium feeds WebAudio from a remote stream only while it also plays in a media element (crbug.com/933677).
    if (!this.audio) this.audio = new Audio();
    this.audio.srcObject = stream;
    this.audio.play().catch((e) => console.warn('switchboard widget: playback', e));
    if (this.detector) this.detector.close();
    this.detector = new ToneDetector(stream);
    this.detector.resume();
  }

  /** The visitor hangs up. */
  hangup() {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ type: 'hangup' }));
    this.finish('ended', { by: 'caller' });
  }

  fail(code) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ type: 'hangup' }));
    this.finish('error', { code });
  }

  finish(state, detail) {
    const ws = this.ws;
    this.ws = null;
    if (ws) ws.close();
    if (this.pc) this.pc.close();
    this.pc = null;
    if (this.microphone) this.microphone.getTracks().forEach((t) => t.stop());
    this.microphone = null;
    if (this.state !== state || state === 'error') this.setState(state, detail);
  }

  /** Mutes or unmutes the visitor's microphone (the track keeps sending silence). */
  mute(on) {
    this.microphone?.getAudioTracks().forEach((t) => { t.enabled = !on; });
  }

  muted() {
    return !!this.microphone && this.microphone.getAudioTracks().every((t) => !t.enabled);
  }

  /** Sends one key as RFC 4733 events (RTCDTMFSender); false when the call cannot send keys now. */
  sendDigit(digit) {
    const sender = this.pc?.getSenders().find((s) => s.track?.kind === 'audio');
    if (!sender?.dtmf || !sender.dtmf.canInsertDTMF) return false;
    // The last tonechange (tone '') comes after the last key's tone and gap: until then keys are still going out.
    sender.dtmf.ontonechange ??= (e) => { this.sendingKeys = e.tone !== ''; };
    this.sendingKeys = true;
    // insertDTMF replaces what is still queued (W3C webrtc-pc §7.2), so keys pressed quickly are appended.
    sender.dtmf.insertDTMF(sender.dtmf.toneBuffer + digit, 120, 80);
    return true;
  }

  /** Whether keys pressed are still being sent (a hang-up now would cut them off). */
  keysPending() {
    return this.sendingKeys === true;
  }

  toneLevel(frequencyHz) {
    return this.detector ? this.detector.toneLevel(frequencyHz) : 0;
  }

  levelDbfs() {
    return this.detector ? this.detector.levelDbfs() : -Infinity;
  }

  async stats() {
    if (!this.pc) return null;
    const { collectStats } = await import('../js/webrtc-audio.js');
    return collectStats(this.pc);
  }
}
