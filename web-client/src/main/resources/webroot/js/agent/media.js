// The agent's media for the whole shift: one microphone capture and one RTCPeerConnection to the server, set up
// once after welcome (docs/protocol.md, media.offer). Calls do not renegotiate: the server switches each answered
// call's audio into this session, so answering is instant.
//
// Events: 'status' {status, failure} with status 'new' | 'connecting' | 'connected' | 'failed' and, when failed,
// failure 'microphone' | 'negotiation' | 'network'.

import { ToneDetector } from '../tone-detector.js';
import { collectStats, preferG711 } from '../webrtc-audio.js';

const MICROPHONE = {
  // Unlike the headset check (which must hear the raw microphone), a call wants the browser's voice processing:
  // the agent hears the caller in a headset that may leak into the microphone.
  audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  video: false,
};

export class ShiftMedia extends EventTarget {
  /**
   * @param {{audio: HTMLAudioElement, negotiate: (offerSdp: string) => Promise<string>,
   *   iceServers?: () => Promise<RTCIceServer[]>, microphone?: MediaStreamConstraints}} options negotiate sends the
   *   offer to the server and resolves with its answer; iceServers fetches the configured STUN/TURN servers
   *   (GET /api/ice-servers); microphone: getUserMedia constraints other than the agent's (the supervisor's page)
   */
  constructor({ audio, negotiate, iceServers = async () => [], microphone = MICROPHONE }) {
    super();
    this.audio = audio;
    this.negotiate = negotiate;
    this.iceServers = iceServers;
    this.constraints = microphone;
    this.microphone = null;
    this.pc = null;
    this.detector = null;
    this.status = 'new';
    this.failure = null;
    /** Bumped by every start() and close(), so a slow older attempt cannot overwrite a newer one. */
    this.generation = 0;
  }

  /** (Re)connects: a new offer replaces the server's old session for this agent. */
  async start() {
    const generation = ++this.generation;
    this.closePeer();
    this.setStatus('connecting');
    try {
      if (!this.microphone || this.microphone.getAudioTracks().every((t) => t.readyState === 'ended')) {
        this.microphone = await navigator.mediaDevices.getUserMedia(this.constraints);
      }
    } catch (e) {
      if (generation !== this.generation) return;
      console.error('agent media: no microphone', e);
      this.setStatus('failed', 'microphone');
      return;
    }
    if (generation !== this.generation) return;

    // The server is ICE-lite with a host candidate; a TURN relay (if configured) gets through strict NATs.
    let iceServers = [];
    try {
      iceServers = await this.iceServers();
    } catch (e) {
      console.warn('agent media: no ICE servers, connecting directly', e);
    }
    if (generation !== this.generation) return;
    const pc = new RTCPeerConnection({ iceServers, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    this.pc = pc;
    const [track] = this.microphone.getAudioTracks();
    preferG711(pc.addTransceiver(track, { direction: 'sendrecv', streams: [this.microphone] }));
    pc.addEventListener('track', (event) => this.onRemoteTrack(pc, event));
    pc.addEventListener('connectionstatechange', () => this.onConnectionState(pc));
    try {
      // Sent right after setLocalDescription, as the headset check does: the ICE-lite server learns our address
      // from our connectivity checks (RFC 8445 §7.3.1.3, peer-reflexive), so there is nothing to gather or trickle.
      await pc.setLocalDescription(await pc.createOffer());
      if (pc !== this.pc) return;
      const answer = await this.negotiate(pc.localDescription.sdp);
      if (pc !== this.pc) return;
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    } catch (e) {
      if (pc !== this.pc) return;
      console.error('agent media: negotiation failed', e);
      this.setStatus('failed', 'negotiation');
      this.closePeer();
    }
  }

  onRemoteTrack(pc, event) {
    if (pc !== this.pc || event.track.kind !== 'audio') return;
    const stream = event.streams[0] || new MediaStream([event.track]);
    // Chromium feeds WebAudio from a remote stream only while it also plays in a media element (crbug.com/933677).
    this.audio.srcObject = stream;
    this.playRemote();
    if (this.detector) this.detector.close();
    this.detector = new ToneDetector(stream);
    this.detector.resume();
  }

  /** Starts playback; false when the browser wants a user gesture first (a restored session after a reload). */
  async playRemote() {
    if (!this.audio.srcObject) return true;
    try {
      await this.audio.play();
      if (this.detector) await this.detector.resume();
      this.dispatchEvent(new CustomEvent('playback', { detail: { blocked: false } }));
      return true;
    } catch (e) {
      if (e.name !== 'NotAllowedError') return true;
      this.dispatchEvent(new CustomEvent('playback', { detail: { blocked: true } }));
      return false;
    }
  }

  onConnectionState(pc) {
    if (pc !== this.pc) return;
    switch (pc.connectionState) {
      case 'connected':
        this.setStatus('connected');
        break;
      case 'failed':
        this.setStatus('failed', 'network');
        this.closePeer();
        break;
      case 'closed':
        break;
      default:
        // new / connecting, and 'disconnected', which ICE may still recover from.
        this.setStatus('connecting');
    }
  }

  setStatus(status, failure = null) {
    if (this.status === status && this.failure === failure) return;
    this.status = status;
    this.failure = failure;
    this.dispatchEvent(new CustomEvent('status', { detail: { status, failure } }));
  }

  closePeer() {
    if (this.detector) {
      this.detector.close();
      this.detector = null;
    }
    if (this.pc) {
      this.pc.close();
      this.pc = null;
    }
    this.audio.srcObject = null;
  }

  /** Ends the shift's media: the peer connection and the microphone. Idempotent. */
  close() {
    this.generation++;
    this.closePeer();
    if (this.microphone) {
      this.microphone.getTracks().forEach((t) => t.stop());
      this.microphone = null;
    }
    this.setStatus('new');
  }

  /** Relative power of frequencyHz in the last ~200 ms of what the server sends (0 without a call's audio). */
  toneLevel(frequencyHz) {
    return this.detector ? this.detector.toneLevel(frequencyHz) : 0;
  }

  /** The level of frequencyHz in the last ~200 ms of what the server sends, in dBFS (−Infinity without audio). */
  toneDbfs(frequencyHz) {
    return this.detector ? this.detector.toneDbfs(frequencyHz) : -Infinity;
  }

  async stats() {
    if (!this.pc) return { dtlsState: 'new', packetsReceived: 0, lossPercent: null, rttMs: null };
    return collectStats(this.pc);
  }
}
