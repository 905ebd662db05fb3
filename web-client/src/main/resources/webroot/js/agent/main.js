// The agent desktop: sign in, then one shift = one AgentSession (the socket) + one ShiftMedia (the audio) + the
// Desk model they feed. This file wires them together and turns the agent's clicks into protocol requests; the
// panels draw, the model remembers, the session and the media talk to the server.

import { api } from '../api.js';
import { initI18n, onLanguageChange, t } from '../i18n.js';
import { CallPanel } from './call-panel.js';
import { Desk } from './desk.js';
import { DialPad } from './dial-pad.js';
import { callerLabel, formatDuration, stateLabel } from './format.js';
import { moveFocusIfLost } from './focus.js';
import { forgetSession, saveSession, storedSession } from './login.js';
import { LoginView } from './login-view.js';
import { ShiftMedia } from './media.js';
import { Notices } from './notices.js';
import { AgentSession, ProtocolError } from './session.js';
import { Sounds } from './sounds.js';
import { StatusPanel } from './status-panel.js';
import { TransferPanel } from './transfer-panel.js';

const TICK_MS = 250;
const STATS_INTERVAL_MS = 2000;
const MEDIA_RETRY_FIRST_MS = 2000;
const MEDIA_RETRY_MAX_MS = 30_000;
const ERROR_NOTICE_MS = 8000;

const el = {
  deskView: document.getElementById('desk-view'),
  agentName: document.getElementById('agent-name'),
  agentUsername: document.getElementById('agent-username'),
  agentInitials: document.getElementById('agent-initials'),
  logout: document.getElementById('logout'),
  audio: document.getElementById('remote-audio'),
  announcePolite: document.getElementById('announce-polite'),
  announceUrgent: document.getElementById('announce-urgent'),
};

const desk = new Desk();
const sounds = new Sounds();
const notices = new Notices(document.getElementById('notices'));

/** The signed-in agent of this tab ({token, agent, expiresAt}), null on the sign-in form. */
let signedIn = null;
/** @type {AgentSession|null} */
let session = null;
/** @type {ShiftMedia|null} */
let media = null;
/** Requests in flight, so their buttons cannot be pressed twice. */
const busy = { state: false, call: false };
const mediaRetry = { attempt: 0, timer: 0 };
let statsTimer = 0;
/** The browser refused to play the call audio until the agent interacts with the page (a reload mid-shift). */
let soundBlocked = false;

const statusPanel = new StatusPanel({
  ready: () => stateRequest(() => session.setReady()),
  notReady: (reason) => stateRequest(() => session.setNotReady(reason)),
});

const callPanel = new CallPanel({
  answer: () => callRequest(desk.ringing, (id) => session.answer(id), { silenceRing: true }),
  reject: () => callRequest(desk.ringing, (id) => session.reject(id), { silenceRing: true }),
  hangup: () => callRequest(desk.call, (id) => session.hangup(id)),
  toggleHold: () => desk.call && request(session.hold(desk.call.callId, !desk.call.held)),
  toggleMute: () => desk.call && request(session.mute(desk.call.callId, !desk.call.muted)),
  dtmf: (digit) => {
    if (!desk.call) return;
    sounds.keyTone(digit);
    request(session.dtmf(desk.call.callId, digit));
  },
  saveWrapUp: (pending, body, next) => saveWrapUp(pending, body, next),
});

/**
 * Saves the wrap-up (POST /api/calls/{id}/wrap-up), then takes the agent where they chose: Ready (ending the
 * server's wrap_up state, or nothing to do when the server already made them Ready) or a Not-ready reason.
 */
async function saveWrapUp(pending, body, next) {
  if (!signedIn) return;
  await api(`/api/calls/${encodeURIComponent(pending.callId)}/wrap-up`, { token: signedIn.token, method: 'POST', body });
  desk.wrapUpDone(pending.callId);
  notices.show('wrapup', { key: 'agent.wrapUp.saved', tone: 'ok', autoHideMs: ERROR_NOTICE_MS });
  const state = desk.agentState?.state;
  if (session && state !== 'ringing' && state !== 'on_call') {
    if (next === 'ready' && state !== 'ready') stateRequest(() => session.setReady());
    else if (next !== 'ready' && !(state === 'not_ready' && desk.agentState.reason === next)) {
      stateRequest(() => session.setNotReady(next));
    }
  }
  render();
}

/** The admin's dispositions, once per shift: the wrap-up form offers the active ones, the card names them all. */
function loadDispositions() {
  if (!signedIn) return;
  api('/api/dispositions', { token: signedIn.token })
    .then((answer) => {
      const items = Array.isArray(answer?.items) ? answer.items : [];
      callPanel.wrapUp.setDispositions(items);
      callPanel.customerCard.dispositions = items;
      render();
    })
    .catch((e) => {
      console.warn('dispositions not loaded', e);
      notices.show('dispositions', { key: 'agent.wrapUp.noDispositions', params: { message: e.message ?? '' }, tone: 'error' });
    });
}

/** Places a call (call.dial); a refusal of the outbound wall is shown with its reason. */
function dial(target) {
  if (!session || busy.call) return Promise.reject(new Error('busy'));
  busy.call = true;
  render();
  return session.dial(target).catch((e) => {
    const reason = /\[([a-z_]+)\]$/.exec(e.message ?? '')?.[1];
    if (e instanceof ProtocolError && reason) {
      const key = t(`agent.dial.refused.${reason}`) !== `agent.dial.refused.${reason}` ? `agent.dial.refused.${reason}`
        : 'agent.dial.refused.other';
      notices.show('error', { key, params: { reason }, tone: 'error', autoHideMs: ERROR_NOTICE_MS });
    } else {
      showRequestError(e);
    }
    throw e;
  }).finally(() => {
    busy.call = false;
    render();
  });
}

/** A transfer step; a refusal (the colleague busy, the outbound wall) is shown like other request errors. */
function transferRequest(send) {
  if (!session || busy.call) return Promise.reject(new Error('busy'));
  busy.call = true;
  render();
  return send().catch((e) => {
    showRequestError(e);
    throw e;
  }).finally(() => {
    busy.call = false;
    render();
  });
}

const transferPanel = new TransferPanel({
  targets: () => (session ? session.transferTargets() : Promise.reject(new Error('offline'))),
  start: (mode, target) => transferRequest(() => session.transfer(mode, desk.call.callId, target)),
  complete: () => transferRequest(() => session.completeTransfer(desk.consult.callId)),
  cancel: (callId) => transferRequest(() => session.cancelTransfer(callId)),
});

const dialPad = new DialPad({ dial });
callPanel.customerCard.onCallBack = (callId) => dial({ ref: callId }).catch(() => {});

const loginView = new LoginView((result) => {
  sounds.unlock(); // the submit is a user gesture: allow the ring and the call audio from now on
  startShift(saveSession(result));
});

// ---- the shift ----

function startShift(saved) {
  signedIn = saved;
  desk.reset();
  desk.agent = saved.agent;
  notices.clear();
  loginView.hide();
  el.deskView.hidden = false;

  session = new AgentSession({ token: saved.token });
  session.addEventListener('status', onSocketStatus);
  session.addEventListener('frame', (event) => onFrame(event.detail.frame));
  session.addEventListener('ended', (event) => onSessionEnded(event.detail.reason, event.detail.detail));
  const negotiating = session;
  media = new ShiftMedia({
    audio: el.audio,
    negotiate: (sdp) => negotiating.offerMedia(sdp),
    // TURN for agents behind strict NATs (configured ice.* settings; an empty list without them).
    iceServers: () => api('/api/ice-servers', { token: saved.token }).then((a) => a?.iceServers ?? []),
  });
  media.addEventListener('status', onMediaStatus);
  media.addEventListener('playback', (event) => onPlayback(event.detail.blocked));
  session.start();
  loadDispositions();
  statsTimer = setInterval(refreshStats, STATS_INTERVAL_MS);
  render();
  moveFocusIfLost(document.getElementById('main'));
}

/** Stops the socket, the audio and the ring; the desk view stays as it is. */
function stopShift() {
  session?.close();
  session = null;
  media?.close();
  media = null;
  sounds.stopRing();
  clearTimeout(mediaRetry.timer);
  mediaRetry.attempt = 0;
  clearInterval(statsTimer);
  statusPanel.renderStats(null);
  busy.state = false;
  busy.call = false;
}

function logout() {
  stopShift();
  forgetSession();
  signedIn = null;
  desk.reset();
  notices.clear();
  el.deskView.hidden = true;
  loginView.show({ key: 'agent.login.loggedOut', tone: 'ok' });
}

function onSessionEnded(reason, detail) {
  if (reason === 'unauthorized') {
    // The token expired or was revoked: only a new sign-in helps.
    stopShift();
    forgetSession();
    signedIn = null;
    desk.reset();
    notices.clear();
    el.deskView.hidden = true;
    loginView.show({ key: 'agent.login.expired', tone: 'info' });
    return;
  }
  // Another tab took this agent's socket (4409), or call control refused the agent (4403). Free the microphone
  // (the other tab needs it) and let the agent decide when to try again.
  const saved = signedIn;
  stopShift();
  const { agent, notReadyReasons } = desk;
  desk.reset();
  Object.assign(desk, { agent, notReadyReasons });
  notices.show('socket', reason === 'replaced'
    ? { key: 'agent.notice.replaced', tone: 'error', action: { key: 'agent.notice.useHere', run: () => startShift(saved) } }
    : detail === 'logged_out_by_supervisor'
      ? { key: 'agent.notice.loggedOutBySupervisor', tone: 'warn', action: { key: 'agent.notice.tryAgain', run: () => startShift(saved) } }
      : { key: 'agent.notice.refused', params: { code: detail || '—' }, tone: 'error',
      action: { key: 'agent.notice.tryAgain', run: () => startShift(saved) } });
  render();
}

function onSocketStatus(event) {
  const { status } = event.detail;
  if (status === 'reconnecting') notices.show('socket', { key: 'agent.notice.reconnecting', tone: 'warn' });
  else if (status === 'open') notices.hide('socket');
  render();
}

function onFrame(frame) {
  if (frame.type === 'error') {
    showRequestError(new ProtocolError(frame.code ?? 'internal', frame.message));
    return;
  }
  if (frame.type === 'welcome' && frame.state === 'supervisor') {
    // An account that supervises but takes no calls (docs/protocol.md, "Supervisors"): its desk is the live calls.
    session.close();
    location.replace(`monitor.html${location.search}`);
    return;
  }
  if (frame.type === 'welcome') {
    desk.apply(frame);
    // Every welcome (also after a reconnect) offers media anew: a new offer replaces whatever the server kept.
    startMedia();
    render();
    return;
  }
  if (!desk.apply(frame)) return;
  announce(frame);
  render();
}

// ---- media ----

function startMedia() {
  clearTimeout(mediaRetry.timer);
  media?.start();
}

function onMediaStatus(event) {
  const { status, failure } = event.detail;
  if (status === 'connected') {
    mediaRetry.attempt = 0;
    notices.hide('media');
    refreshStats();
  } else if (status === 'failed' && failure === 'microphone') {
    notices.show('media', {
      key: 'agent.notice.noMicrophone',
      tone: 'error',
      action: { key: 'agent.notice.tryAgain', run: () => startMedia() },
    });
  } else if (status === 'failed') {
    // The network or the server's media side failed; keep trying for as long as the socket is up.
    mediaRetry.attempt += 1;
    const delay = Math.min(MEDIA_RETRY_MAX_MS, MEDIA_RETRY_FIRST_MS * 2 ** (mediaRetry.attempt - 1));
    notices.show('media', { key: 'agent.notice.audioFailed', tone: 'error' });
    clearTimeout(mediaRetry.timer);
    mediaRetry.timer = setTimeout(() => session?.status === 'open' && startMedia(), delay);
  }
  render();
}

function onPlayback(blocked) {
  soundBlocked = blocked;
  if (!blocked) {
    notices.hide('sound');
    return;
  }
  notices.show('sound', {
    key: 'agent.notice.soundBlocked',
    tone: 'warn',
    action: { key: 'agent.notice.enableSound', run: () => unlockSound() },
  });
}

function unlockSound() {
  sounds.unlock();
  if (soundBlocked) media?.playRemote();
}

async function refreshStats() {
  if (!media?.pc) {
    statusPanel.renderStats(null);
    return;
  }
  try {
    statusPanel.renderStats(await media.stats());
  } catch (e) {
    console.warn('getStats failed', e);
  }
}

// ---- requests ----

function request(promise) {
  return promise.catch((e) => showRequestError(e));
}

function stateRequest(send) {
  if (!session || busy.state) return;
  busy.state = true;
  render();
  request(send()).finally(() => {
    busy.state = false;
    render();
  });
}

function callRequest(target, send, { silenceRing = false } = {}) {
  if (!session || !target || busy.call) return;
  busy.call = true;
  // Stop ringing the moment the agent decides, not when the server confirms.
  if (silenceRing) sounds.stopRing();
  render();
  request(send(target.callId)).finally(() => {
    busy.call = false;
    render();
  });
}

function showRequestError(e) {
  const code = e instanceof ProtocolError ? e.code : 'internal';
  console.warn('request refused', e);
  const known = t(`agent.error.${code}`) !== `agent.error.${code}`;
  notices.show('error', {
    key: known ? `agent.error.${code}` : 'agent.error.other',
    params: { code, message: e.message ?? '' },
    tone: 'error',
    autoHideMs: ERROR_NOTICE_MS,
  });
}

// ---- drawing ----

function render() {
  const socket = session?.status ?? 'closed';
  const mediaStatus = media?.status ?? 'new';
  const agent = desk.agent ?? signedIn?.agent ?? null;
  el.agentName.textContent = agent?.name || agent?.username || t('agent.title.short');
  el.agentUsername.textContent = agent?.username ?? '';
  el.agentInitials.textContent = initials(agent?.name || agent?.username || '');

  statusPanel.render(desk, { socket, media: mediaStatus, mediaFailure: media?.failure ?? null, busy: busy.state });
  callPanel.render(desk, { socketOpen: socket === 'open', mediaConnected: mediaStatus === 'connected', busy: busy.call });
  dialPad.render(desk, { socketOpen: socket === 'open', mediaConnected: mediaStatus === 'connected', busy: busy.call });
  transferPanel.render(desk, { socketOpen: socket === 'open', busy: busy.call });

  if (desk.ringing && !busy.call && socket === 'open') sounds.startRing();
  else sounds.stopRing();
  document.title = desk.ringing ? t('agent.title.ringing', { caller: callerLabel(desk.ringing.from) }) : t('agent.title');
}

function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toLocaleUpperCase()).join('') || '?';
}

/** Tells screen readers what the server just changed; an incoming call interrupts, everything else waits. */
function announce(frame) {
  let text = null;
  let urgent = false;
  switch (frame.type) {
    case 'state':
      if (frame.state === 'ready' || frame.state === 'not_ready') text = t('agent.announce.state', { state: stateLabel(desk.agentState) });
      break;
    case 'call.offer':
      urgent = true;
      text = t('agent.announce.offer', { caller: callerLabel(frame.from), queue: desk.ringing?.queue ?? '' });
      text += ' ' + (desk.ringing?.customer ? t('agent.announce.knownCaller', { name: String(desk.ringing.customer.name ?? '') })
        : t('agent.customer.newCaller'));
      break;
    case 'call.offer_cancelled':
      if (desk.lastMissed) text = t(`agent.cancelled.${desk.lastMissed.reason}`, { caller: callerLabel(desk.lastMissed.from) });
      break;
    case 'callback.offer':
      urgent = true;
      text = t('agent.callback.title', { number: frame.to ?? '' });
      break;
    case 'call.dialing':
      text = t('agent.announce.dialing', { number: callerLabel(frame.to) });
      break;
    case 'call.answered':
      text = t('agent.announce.answered', { caller: callerLabel(desk.call?.from) });
      break;
    case 'call.held':
      text = t(frame.on ? 'agent.announce.held' : 'agent.announce.resumed');
      break;
    case 'call.muted':
      text = t(frame.on ? 'agent.announce.muted' : 'agent.announce.unmuted');
      break;
    case 'transfer.consulted':
      urgent = true;
      text = t('agent.transfer.consulted', { name: frame.by?.name ?? '', caller: callerLabel(frame.caller) });
      break;
    case 'transfer.ended':
      text = t('agent.transfer.ended', { outcome: t(`agent.transfer.outcome.${frame.outcome}`) });
      break;
    case 'call.transferred':
      urgent = true;
      text = t('agent.transfer.received', { name: frame.by?.name ?? '', caller: callerLabel(frame.from) });
      break;
    case 'call.ended':
      if (desk.lastEnded) {
        text = t(`agent.ended.by.${desk.lastEnded.by}`, {
          duration: formatDuration(desk.lastEnded.durationSeconds),
          caller: callerLabel(desk.lastEnded.from),
        });
        if (desk.wrapUps.length) text += ' ' + t('agent.announce.wrapUp');
      }
      break;
    default:
      break;
  }
  if (!text) return;
  const region = urgent ? el.announceUrgent : el.announcePolite;
  // Clear first, so the same words twice in a row are read twice.
  region.textContent = '';
  requestAnimationFrame(() => { region.textContent = text; });
}

// ---- keyboard ----

document.addEventListener('keydown', (event) => {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
  // event.code, not event.key: Alt+A must work with a Cyrillic layout too (there the key gives "ф").
  if (event.code === 'KeyA' && desk.ringing) {
    event.preventDefault();
    document.getElementById('answer').click();
  } else if (event.code === 'KeyR' && desk.ringing) {
    event.preventDefault();
    document.getElementById('reject').click();
  } else if (event.code === 'KeyT' && desk.call && !desk.call.outbound) {
    event.preventDefault();
    document.getElementById('transfer-toggle').click();
  } else if (event.code === 'KeyS' && callPanel.wrapUp.visible) {
    event.preventDefault();
    document.getElementById('wrap-up').requestSubmit();
  }
});

// Browsers allow sound only after the agent has interacted with the page; any click or key will do.
for (const type of ['pointerdown', 'keydown']) {
  document.addEventListener(type, () => unlockSound(), { capture: true, passive: true });
}

el.logout.addEventListener('click', logout);
window.addEventListener('pagehide', () => stopShift());
setInterval(() => {
  const now = Date.now();
  statusPanel.tick(now);
  callPanel.tick(now);
}, TICK_MS);

onLanguageChange(() => {
  loginView.retranslate();
  notices.render();
  render();
  statusPanel.renderStats(statusPanel.stats);
});

// ---- what tests and support staff can see ----

window.agentDesk = Object.freeze({
  state: () => ({
    loggedIn: signedIn !== null,
    socket: session?.status ?? 'closed',
    media: media?.status ?? 'new',
    agentState: desk.agentState?.state ?? null,
    reason: desk.agentState?.reason ?? null,
    ringing: desk.ringing
      ? { callId: desk.ringing.callId, from: desk.ringing.from, to: desk.ringing.to, queue: desk.ringing.queue }
      : null,
    call: desk.call
      ? { callId: desk.call.callId, from: desk.call.from, held: desk.call.held, muted: desk.call.muted, startedAt: desk.call.startedAt,
        outbound: desk.call.outbound === true, progress: desk.call.progress ?? null }
      : null,
    wrapUp: desk.wrapUps[0]?.callId ?? null,
    callbackOffer: desk.callbackOffer ? { callbackId: desk.callbackOffer.callbackId, to: desk.callbackOffer.to } : null,
    lastEnded: desk.lastEnded
      ? { callId: desk.lastEnded.callId, by: desk.lastEnded.by, durationSeconds: desk.lastEnded.durationSeconds }
      : null,
    ringtone: sounds.ringing,
  }),
  toneLevel: (frequencyHz) => (media ? media.toneLevel(frequencyHz) : 0),
  stats: () => (media ? media.stats() : Promise.resolve({ dtlsState: 'new', packetsReceived: 0, lossPercent: null, rttMs: null })),
});

await initI18n();
const saved = storedSession();
if (saved) startShift(saved);
else loginView.show();
