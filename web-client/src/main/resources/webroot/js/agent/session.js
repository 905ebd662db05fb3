// The agent socket (docs/protocol.md "The socket"): one WebSocket to /ws/agent, authenticated by its first frame,
// reconnected with backoff until the server says the token is no good (4401) or another tab took over (4409).
//
// Events (all CustomEvent):
//   'status' {status}  'connecting' | 'open' | 'reconnecting' | 'closed'; 'open' means welcomed
//   'frame'  {frame}   every server frame except ack / pong / errors answering a request (those settle request())
//   'ended'  {reason, detail}  'unauthorized' (4401) | 'refused' (4403, detail = the error code) | 'replaced'
//                      (4409); the session does not reconnect after these: trying again would get the same answer

export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_REFUSED = 4403;
export const CLOSE_REPLACED = 4409;
/** docs/protocol.md "Close codes": the server's final word on this socket. Any other close is retried. */
const FINAL_CLOSES = new Map([[CLOSE_UNAUTHORIZED, 'unauthorized'], [CLOSE_REFUSED, 'refused'], [CLOSE_REPLACED, 'replaced']]);

const REQUEST_TIMEOUT_MS = 10_000;
const MEDIA_ANSWER_TIMEOUT_MS = 15_000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 15_000;
/** A ping this often keeps NATs and proxies from dropping an idle socket and shows a dead one within ~2 periods. */
const PING_INTERVAL_MS = 20_000;
const SILENCE_LIMIT_MS = 2.5 * PING_INTERVAL_MS;

/** A refused client frame: code is the protocol's error code, or 'disconnected' / 'timeout' from this side. */
export class ProtocolError extends Error {
  constructor(code, message = code) {
    super(message);
    this.code = code;
  }
}

export function agentSocketUrl(base = location) {
  const scheme = base.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${base.host}/ws/agent`;
}

export class AgentSession extends EventTarget {
  /** @param {{token: string, url?: string}} options */
  constructor({ token, url = agentSocketUrl() }) {
    super();
    this.token = token;
    this.url = url;
    this.status = 'closed';
    this.ws = null;
    this.nextId = 1;
    /** id → {resolve, reject, timer}: frames sent with an id wait here for their ack or error. */
    this.pending = new Map();
    this.mediaAnswerWaiter = null;
    this.attempt = 0;
    this.reconnectTimer = 0;
    this.pingTimer = 0;
    this.lastFrameAt = 0;
    this.stopped = false;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  /** Closes the socket for good (Log out, or the page goes away). Idempotent. */
  close() {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.dropSocket(1000, 'logout');
    this.setStatus('closed');
  }

  connect() {
    clearTimeout(this.reconnectTimer);
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      console.error('agent socket: cannot open', e);
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.addEventListener('open', () => {
      this.lastFrameAt = Date.now();
      // The first frame must be auth (otherwise the server closes with 4401).
      ws.send(JSON.stringify({ type: 'auth', token: this.token }));
    });
    ws.addEventListener('message', (event) => this.onMessage(ws, event));
    ws.addEventListener('close', (event) => this.onClose(ws, event));
  }

  onMessage(ws, event) {
    if (ws !== this.ws) return;
    this.lastFrameAt = Date.now();
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      console.warn('agent socket: a frame that is not JSON', event.data);
      return;
    }
    if (!frame || typeof frame.type !== 'string') return;
    switch (frame.type) {
      case 'welcome':
        this.attempt = 0;
        this.startPings();
        this.setStatus('open');
        break;
      case 'pong':
        return;
      case 'ack':
        this.settle(frame.id, null);
        return;
      case 'error':
        if (frame.id != null && this.pending.has(frame.id)) {
          this.settle(frame.id, new ProtocolError(frame.code ?? 'internal', frame.message ?? frame.code));
          return;
        }
        break;
      case 'media.answer':
        if (this.mediaAnswerWaiter) {
          this.mediaAnswerWaiter.resolve(frame);
          this.mediaAnswerWaiter = null;
        }
        break;
      default:
        break;
    }
    this.dispatchEvent(new CustomEvent('frame', { detail: { frame } }));
  }

  onClose(ws, event) {
    if (ws !== this.ws) return;
    this.ws = null;
    this.stopPings();
    this.failPending(new ProtocolError('disconnected', `socket closed (${event.code})`));
    if (this.stopped) return;
    const reason = FINAL_CLOSES.get(event.code);
    if (reason) {
      this.stopped = true;
      this.setStatus('closed');
      this.dispatchEvent(new CustomEvent('ended', { detail: { reason, detail: event.reason } }));
      return;
    }
    this.scheduleReconnect();
  }

  scheduleReconnect() {
    this.attempt += 1;
    this.setStatus('reconnecting');
    // Exponential backoff with ±20 % jitter, so a restarted server is not hit by every agent in the same instant.
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (this.attempt - 1));
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.reconnectTimer = setTimeout(() => {
      if (!this.stopped) this.connect();
    }, delay);
  }

  dropSocket(code, reason) {
    const ws = this.ws;
    this.ws = null;
    this.stopPings();
    this.failPending(new ProtocolError('disconnected', reason));
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(code, reason);
  }

  startPings() {
    this.stopPings();
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastFrameAt > SILENCE_LIMIT_MS) {
        // Not even a pong for two periods: the socket is dead even if the browser has not noticed yet.
        console.warn('agent socket: silent for too long, reconnecting');
        this.dropSocket(4000, 'silent');
        this.scheduleReconnect();
        return;
      }
      this.send('ping');
    }, PING_INTERVAL_MS);
  }

  stopPings() {
    clearInterval(this.pingTimer);
    this.pingTimer = 0;
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.dispatchEvent(new CustomEvent('status', { detail: { status } }));
  }

  /** Sends a frame without waiting for an answer; false when there is no open socket. */
  send(type, fields = {}) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify({ type, ...fields }));
    return true;
  }

  /** Sends a frame with an id; resolves on its ack, rejects with a ProtocolError on its error. */
  request(type, fields = {}) {
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      if (this.status !== 'open' || !this.send(type, { id, ...fields })) {
        reject(new ProtocolError('disconnected', 'not connected'));
        return;
      }
      const timer = setTimeout(() => this.settle(id, new ProtocolError('timeout', `${type}: no answer`)),
        REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
    });
  }

  settle(id, error) {
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    clearTimeout(waiter.timer);
    if (error) waiter.reject(error);
    else waiter.resolve();
  }

  failPending(error) {
    for (const id of [...this.pending.keys()]) this.settle(id, error);
    if (this.mediaAnswerWaiter) {
      this.mediaAnswerWaiter.reject(error);
      this.mediaAnswerWaiter = null;
    }
  }

  /** media.offer → the SDP of media.answer (which the server sends before the ack). */
  offerMedia(sdp) {
    if (this.mediaAnswerWaiter) this.mediaAnswerWaiter.reject(new ProtocolError('replaced', 'a newer offer'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.mediaAnswerWaiter === waiter) this.mediaAnswerWaiter = null;
        reject(new ProtocolError('timeout', 'no media.answer'));
      }, MEDIA_ANSWER_TIMEOUT_MS);
      const waiter = {
        resolve: (frame) => { clearTimeout(timer); resolve(frame.sdp); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      this.mediaAnswerWaiter = waiter;
      this.request('media.offer', { sdp }).catch((e) => {
        if (this.mediaAnswerWaiter === waiter) this.mediaAnswerWaiter = null;
        waiter.reject(e);
      });
    });
  }

  setReady() {
    return this.request('state.set', { state: 'ready' });
  }

  setNotReady(reason) {
    return this.request('state.set', { state: 'not_ready', reason });
  }

  answer(callId) {
    return this.request('call.answer', { callId });
  }

  reject(callId) {
    return this.request('call.reject', { callId });
  }

  hangup(callId) {
    return this.request('call.hangup', { callId });
  }

  hold(callId, on) {
    return this.request('call.hold', { callId, on });
  }

  mute(callId, on) {
    return this.request('call.mute', { callId, on });
  }

  dtmf(callId, digits) {
    return this.request('call.dtmf', { callId, digits });
  }

  /** Asks who and where this agent may transfer to; the answer arrives as the transfer.targets frame. */
  transferTargets() {
    return this.request('transfer.targets');
  }

  /** mode 'blind' | 'consult'; target {agent} | {queue} | {number}. */
  transfer(mode, callId, target) {
    return this.request(`transfer.${mode}`, { callId, ...target });
  }

  completeTransfer(callId) {
    return this.request('transfer.complete', { callId });
  }

  cancelTransfer(callId) {
    return this.request('transfer.cancel', { callId });
  }

  /** Places a call: {number} typed, or {ref} a call id whose customer the server calls back. */
  dial(target) {
    return this.request('call.dial', target.ref ? { ref: target.ref } : { number: target.number });
  }
}
