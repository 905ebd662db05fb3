// The agent's "test my headset" page: the microphone goes to the server's echo resource over WebRTC and comes
// straight back, so the agent hears themselves as a caller would, and sees what the connection is worth.
//
// Signalling is WHIP-like (docs: POST /api/media/echo): POST the offer right after setLocalDescription — the server
// is ICE-lite with one host candidate, so there is nothing to trickle — take the answer from the 201 body, and
// DELETE the Location when done. The server allocates media only for a signed-in user (the login token as a bearer
// token, RFC 9725 §4.5), so the page signs in first, with the same form as the other pages.

import { initI18n, onLanguageChange, t } from './i18n.js';
import { ToneDetector } from './tone-detector.js';
import { collectStats, preferG711 } from './webrtc-audio.js';
import { signedIn, signInAgain } from './crm/signin.js';

const ECHO_URL = '/api/media/echo';
const STATS_INTERVAL_MS = 1000;
const METER_FLOOR_DB = -60;

const el = {
  start: document.getElementById('start'),
  stop: document.getElementById('stop'),
  status: document.getElementById('status'),
  ice: document.getElementById('metric-ice'),
  dtls: document.getElementById('metric-dtls'),
  rtt: document.getElementById('metric-rtt'),
  loss: document.getElementById('metric-loss'),
  jitter: document.getElementById('metric-jitter'),
  packets: document.getElementById('metric-packets'),
  meter: document.getElementById('level-meter'),
  meterBar: document.getElementById('level-bar'),
  verdict: document.getElementById('verdict'),
  audio: document.getElementById('echo-audio'),
  content: document.getElementById('content'),
};

/** The signed-in user's login token and account: {token, agent}. */
let account = null;

/** Everything one check owns; a new one per Start, closed by Stop. */
let session = null;
/** The status line: a message key plus its parameters, so a language change can redraw it. */
let status = { key: 'check.status.idle', params: {}, tone: 'info' };
let lastStats = null;

class ServerRefusal extends Error {}
class MicrophoneRefusal extends Error {}

function setStatus(key, params = {}, tone = 'info') {
  status = { key, params, tone };
  el.status.textContent = t(key, params);
  el.status.dataset.tone = tone;
}

function setRunning(running) {
  const hadFocus = document.activeElement === el.start || document.activeElement === el.stop;
  el.start.disabled = running;
  el.stop.disabled = !running;
  // A disabled button drops keyboard focus on the floor; hand it to the button that can act now.
  if (hadFocus) (running ? el.stop : el.start).focus();
}

async function start() {
  if (session) return;
  const s = { pc: null, microphone: null, detector: null, resource: null, timer: 0, frame: 0, closed: false };
  session = s;
  setRunning(true);
  resetMetrics();
  try {
    setStatus('check.status.microphone');
    try {
      // Raw microphone: the agent should hear what the headset really picks up. Echo cancellation would also
      // subtract the echoed playback from the microphone and hide the very thing being checked.
      s.microphone = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
        video: false,
      });
    } catch (e) {
      throw new MicrophoneRefusal(e.message || e.name);
    }
    if (s.closed) return;

    setStatus('check.status.connecting');
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    s.pc = pc;
    const [track] = s.microphone.getAudioTracks();
    preferG711(pc.addTransceiver(track, { direction: 'sendrecv', streams: [s.microphone] }));
    pc.addEventListener('track', (event) => onRemoteTrack(s, event));
    pc.addEventListener('iceconnectionstatechange', () => renderStates(s));
    pc.addEventListener('connectionstatechange', () => onConnectionState(s));

    await pc.setLocalDescription(await pc.createOffer());
    const response = await fetch(ECHO_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/sdp', Authorization: `Bearer ${account.token}` },
      body: pc.localDescription.sdp,
    });
    const body = await response.text();
    if (response.status === 401) {
      // The token expired or was revoked: sign in again, then Start works.
      close(s);
      setStatus('check.status.signInAgain', {}, 'error');
      el.content.hidden = true;
      account = await signInAgain();
      el.content.hidden = false;
      return;
    }
    if (response.status !== 201) throw new ServerRefusal(body.trim() || `HTTP ${response.status}`);
    s.resource = new URL(response.headers.get('Location'), location.href).href;
    if (s.closed) {
      deleteResource(s.resource);
      return;
    }
    await pc.setRemoteDescription({ type: 'answer', sdp: body });
    const dtls = pc.getTransceivers()[0]?.sender?.transport;
    if (dtls) dtls.addEventListener('statechange', () => renderStates(s));
    s.timer = setInterval(() => refreshStats(s), STATS_INTERVAL_MS);
    renderStates(s);
  } catch (e) {
    if (s.closed) return;
    console.error('headset check failed', e);
    if (e instanceof MicrophoneRefusal) setStatus('check.status.noMicrophone', { message: e.message }, 'error');
    else if (e instanceof ServerRefusal) setStatus('check.status.serverError', { message: e.message }, 'error');
    else setStatus('check.status.failed', {}, 'error');
    close(s);
  }
}

function onRemoteTrack(s, event) {
  if (s.closed || event.track.kind !== 'audio') return;
  const stream = event.streams[0] || new MediaStream([event.track]);
  // Chromium feeds WebAudio from a remote stream only while it also plays in a media element.
  el.audio.srcObject = stream;
  el.audio.play().catch((e) => console.warn('echo playback blocked', e));
  s.detector = new ToneDetector(stream);
  s.detector.resume();
  const draw = () => {
    if (s.closed) return;
    renderLevel(s.detector.levelDbfs());
    s.frame = requestAnimationFrame(draw);
  };
  draw();
}

function onConnectionState(s) {
  if (s.closed) return;
  renderStates(s);
  const state = s.pc.connectionState;
  if (state === 'connected') setStatus('check.status.connected', {}, 'ok');
  else if (state === 'failed') {
    setStatus('check.status.failed', {}, 'error');
    close(s);
  }
}

function dtlsState(s) {
  return s?.pc?.getTransceivers()[0]?.sender?.transport?.state ?? 'new';
}

function renderStates(s) {
  if (!s.pc) return;
  el.ice.textContent = t(`state.${s.pc.iceConnectionState}`);
  el.ice.dataset.state = s.pc.iceConnectionState;
  el.dtls.textContent = t(`state.${dtlsState(s)}`);
  el.dtls.dataset.state = dtlsState(s);
}

async function refreshStats(s) {
  if (s.closed || !s.pc) return;
  const stats = await collectStats(s.pc);
  if (s.closed) return;
  lastStats = stats;
  renderStats(stats);
}

function formatNumber(value, digits) {
  return new Intl.NumberFormat(document.documentElement.lang, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}

function renderStats(stats) {
  el.rtt.textContent = stats.rttMs == null ? t('check.none') : t('check.unit.ms', { value: formatNumber(stats.rttMs, 0) });
  el.loss.textContent = stats.lossPercent == null ? t('check.none') : t('check.unit.percent', { value: formatNumber(stats.lossPercent, 1) });
  el.jitter.textContent = stats.jitterMs == null ? t('check.none') : t('check.unit.ms', { value: formatNumber(stats.jitterMs, 0) });
  el.packets.textContent = formatNumber(stats.packetsReceived, 0);
  renderVerdict(stats);
}

function renderVerdict(stats) {
  if (!stats || stats.packetsReceived === 0) {
    el.verdict.hidden = true;
    return;
  }
  const rtt = stats.rttMs ?? 0;
  const loss = stats.lossPercent ?? 0;
  const jitter = stats.jitterMs ?? 0;
  // ITU-T G.114 puts one-way delay under 150 ms as good; G.711 without FEC degrades audibly past ~1 % loss.
  const grade = rtt < 300 && loss < 1 && jitter < 30 ? 'good' : rtt < 600 && loss < 5 && jitter < 60 ? 'fair' : 'poor';
  el.verdict.hidden = false;
  el.verdict.dataset.grade = grade;
  el.verdict.textContent = t(`check.verdict.${grade}`);
}

let lastMeterAnnounce = 0;
function renderLevel(db) {
  const clamped = Number.isFinite(db) ? Math.max(METER_FLOOR_DB, Math.min(0, db)) : METER_FLOOR_DB;
  const fraction = (clamped - METER_FLOOR_DB) / -METER_FLOOR_DB;
  el.meterBar.style.setProperty('--level', fraction.toFixed(3));
  const now = performance.now();
  if (now - lastMeterAnnounce > 1000) {
    lastMeterAnnounce = now;
    el.meter.setAttribute('aria-valuenow', String(Math.round(clamped)));
    el.meter.setAttribute('aria-valuetext', `${Math.round(clamped)} dBFS`);
  }
}

function resetMetrics() {
  lastStats = null;
  for (const m of [el.ice, el.dtls, el.rtt, el.loss, el.jitter, el.packets]) {
    m.textContent = t('check.none');
    delete m.dataset.state;
  }
  el.verdict.hidden = true;
  renderLevel(-Infinity);
}

function deleteResource(url) {
  // keepalive lets the DELETE outlive the page when the agent closes the tab.
  return fetch(url, { method: 'DELETE', keepalive: true, headers: { Authorization: `Bearer ${account?.token}` } })
    .catch((e) => console.warn('DELETE failed', e));
}

function close(s) {
  if (s.closed) return;
  s.closed = true;
  clearInterval(s.timer);
  cancelAnimationFrame(s.frame);
  if (s.detector) s.detector.close();
  if (s.pc) s.pc.close();
  if (s.microphone) s.microphone.getTracks().forEach((track) => track.stop());
  if (s.resource) deleteResource(s.resource);
  el.audio.srcObject = null;
  renderLevel(-Infinity);
  if (session === s) session = null;
  setRunning(false);
}

function stop() {
  if (!session) return;
  close(session);
  setStatus('check.status.stopped');
}

el.start.addEventListener('click', start);
el.stop.addEventListener('click', stop);
window.addEventListener('pagehide', () => session && close(session));

onLanguageChange(() => {
  setStatus(status.key, status.params, status.tone);
  if (session) renderStates(session);
  if (lastStats) renderStats(lastStats);
  else resetMetrics();
});

// A small read-only view for tests and for support staff poking at the console.
window.headsetCheck = Object.freeze({
  state: () => ({
    ice: session?.pc?.iceConnectionState ?? 'new',
    dtls: dtlsState(session),
    connected: session?.pc?.connectionState === 'connected',
    resource: session?.resource ?? null,
  }),
  stats: () => (session?.pc ? collectStats(session.pc) : Promise.resolve(null)),
  toneLevel: (frequencyHz) => (session?.detector ? session.detector.toneLevel(frequencyHz) : 0),
  levelDbfs: () => (session?.detector ? session.detector.levelDbfs() : -Infinity),
});

await initI18n();
setRunning(false);
setStatus('check.status.idle');
resetMetrics();
account = await signedIn();
el.content.hidden = false;
