// The wallboard socket (docs/protocol.md "The wallboard socket"): /ws/wallboard, authenticated by its first frame
// with the login token; the server pushes live.snapshot, then live.update after each change (coalesced). Nothing is
// polled. Reconnects with backoff unless the server says the token is no good (4401) or the account may not see the
// board (4403).
//
// Events (CustomEvent): 'figures' {figures}   'status' {status: 'connecting'|'open'|'reconnecting'}
//                       'ended' {reason: 'unauthorized'|'refused', message}

const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 15_000;
const PING_INTERVAL_MS = 20_000;
const FINAL_CLOSES = new Map([[4401, 'unauthorized'], [4403, 'refused']]);

export function wallboardSocketUrl(base = location) {
  return `${base.protocol === 'https:' ? 'wss:' : 'ws:'}//${base.host}/ws/wallboard`;
}

export class LiveSocket extends EventTarget {
  constructor({ token, url = wallboardSocketUrl() }) {
    super();
    this.token = token;
    this.url = url;
    this.attempt = 0;
    this.ws = null;
    this.stopped = false;
    this.pingTimer = 0;
    this.retryTimer = 0;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  close() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    if (this.ws) this.ws.close(1000, 'bye');
  }

  connect() {
    this.emit('status', { status: this.attempt === 0 ? 'connecting' : 'reconnecting' });
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'auth', token: this.token })));
    ws.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.type === 'live.snapshot' || frame.type === 'live.update') {
        if (frame.type === 'live.snapshot') {
          this.attempt = 0;
          this.emit('status', { status: 'open' });
          clearInterval(this.pingTimer);
          this.pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_INTERVAL_MS);
        }
        this.emit('figures', { figures: frame });
      } else if (frame.type === 'error') {
        this.lastError = frame.message;
      }
    });
    ws.addEventListener('close', (event) => {
      clearInterval(this.pingTimer);
      if (this.ws !== ws || this.stopped) return;
      const final = FINAL_CLOSES.get(event.code);
      if (final) {
        this.emit('ended', { reason: final, message: this.lastError || event.reason });
        return;
      }
      this.attempt += 1;
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (this.attempt - 1));
      this.emit('status', { status: 'reconnecting' });
      this.retryTimer = setTimeout(() => this.connect(), delay * (0.8 + Math.random() * 0.4));
    });
  }

  send(frame) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
