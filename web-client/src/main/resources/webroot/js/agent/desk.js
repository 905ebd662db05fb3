// What the desktop knows about the agent's shift, built only from server frames (docs/protocol.md "Server →
// client"): the agent state, the call ringing, the call in progress and how the last one ended. The server is the
// authority; buttons send requests and this model changes when the server says so.
//
// Times are taken from this browser's clock when a frame arrives, so a skewed PC clock cannot show negative timers.
//
// Event: 'change' {frame} after every frame that changed something.

export const KNOWN_REASONS = Object.freeze(['break', 'lunch', 'training', 'after_call_work', 'missed_calls', 'logged_in',
  'outbound_call', 'callback_preview', 'consultation']);

export class Desk extends EventTarget {
  constructor() {
    super();
    this.reset();
  }

  reset() {
    this.agent = null;
    /** @type {{state: string, reason: string|null, sinceMs: number} | null} */
    this.agentState = null;
    this.notReadyReasons = [];
    /** @type {{callId, from, to, queue, queueId, ringTimeoutSeconds, offeredAtMs, customer} | null} */
    this.ringing = null;
    /** @type {{callId, from, to, queue, customer, held, muted, startedAt, startedAtMs} | null} */
    this.call = null;
    /** @type {{callId, from, by, durationSeconds} | null} */
    this.lastEnded = null;
    /** @type {{callId, from, reason} | null} an offer that went away unanswered */
    this.lastMissed = null;
    /** Which of the two the idle view tells about: 'ended' | 'missed' | null, whichever happened last. */
    this.lastOutcome = null;
    /**
     * Answered calls whose wrap-up the agent has not saved yet, oldest first (the form shows the first). Opened on
     * call.ended, and on a wrap_up state naming a call this tab did not see end (a reload).
     * @type {{callId, from, customer, endedAtMs, wrapUpSeconds: number|null}[]}
     */
    this.wrapUps = [];
    /** A stored callback the server reserved this agent for: {callbackId, to (masked), queue, reason, attempts}. */
    this.callbackOffer = null;
    /** Transfers (docs/protocol.md "transfer.*"): who and where to, this agent's consultation, and being consulted. */
    this.transferTargets = null;
    /** @type {{callId, kind, to, progress: string|null} | null} */
    this.consult = null;
    /** @type {{callId, by, caller, customer} | null} */
    this.consultedBy = null;
  }

  /** The agent saved (or the server no longer needs) the wrap-up of this call. */
  wrapUpDone(callId) {
    this.wrapUps = this.wrapUps.filter((w) => w.callId !== callId);
    this.dispatchEvent(new CustomEvent('change', { detail: { frame: null } }));
  }

  apply(frame) {
    const handler = HANDLERS[frame.type];
    if (!handler) return false;
    handler(this, frame, Date.now());
    this.dispatchEvent(new CustomEvent('change', { detail: { frame } }));
    return true;
  }
}

const HANDLERS = {
  welcome(desk, f, now) {
    desk.agent = f.agent ?? null;
    desk.notReadyReasons = Array.isArray(f.notReadyReasons) ? f.notReadyReasons.filter((r) => typeof r === 'string') : [];
    setState(desk, f.state, f.reason, now);
    // After a reconnect only what the server still reports survives: a ring or a call it no longer has is gone.
    if (f.state !== 'ringing') desk.ringing = null;
    if (f.state !== 'on_call') desk.call = null;
  },

  state(desk, f, now) {
    setState(desk, f.state, f.reason, now);
    if (f.state === 'wrap_up' && typeof f.callId === 'string') {
      const pending = desk.wrapUps.find((w) => w.callId === f.callId);
      const seconds = Number.isFinite(f.wrapUpSeconds) ? f.wrapUpSeconds : null;
      if (pending) pending.wrapUpSeconds = seconds;
      else desk.wrapUps.push({ callId: f.callId, from: '', customer: null, endedAtMs: now, wrapUpSeconds: seconds });
    }
  },

  'call.offer'(desk, f, now) {
    desk.ringing = {
      callId: f.callId,
      from: f.from ?? '',
      to: f.to ?? '',
      queue: f.queue?.name ?? f.queue?.id ?? '',
      queueId: f.queue?.id ?? '',
      ringTimeoutSeconds: Number.isFinite(f.ringTimeoutSeconds) ? f.ringTimeoutSeconds : null,
      offeredAtMs: now,
      // The caller's card, or null for a new caller (docs/protocol.md).
      customer: f.customer && typeof f.customer === 'object' ? f.customer : null,
    };
  },

  'call.offer_cancelled'(desk, f) {
    if (desk.ringing?.callId !== f.callId) return;
    desk.lastMissed = { callId: f.callId, from: desk.ringing.from, reason: f.reason ?? 'caller_abandoned' };
    desk.lastOutcome = 'missed';
    desk.ringing = null;
  },

  'call.answered'(desk, f, now) {
    const offered = desk.ringing?.callId === f.callId ? desk.ringing : null;
    const placed = desk.call?.callId === f.callId && desk.call.outbound;
    desk.call = {
      outbound: placed,
      progress: placed ? 'answered' : null,
      callId: f.callId,
      from: offered?.from ?? desk.call?.from ?? '',
      to: offered?.to ?? '',
      queue: offered?.queue ?? '',
      customer: offered?.customer ?? desk.call?.customer ?? null,
      held: false,
      muted: false,
      startedAt: typeof f.answeredAt === 'string' ? f.answeredAt : new Date(now).toISOString(),
      startedAtMs: now,
    };
    if (offered) desk.ringing = null;
    desk.lastOutcome = null;
  },

  // An outbound call the agent placed: shown like a call from the start, with its progress until answered.
  'call.dialing'(desk, f, now) {
    desk.callbackOffer = null;
    desk.call = {
      callId: f.callId,
      from: f.to ?? '',
      to: f.to ?? '',
      queue: '',
      customer: null,
      outbound: true,
      progress: 'dialing',
      held: false,
      muted: false,
      startedAt: new Date(now).toISOString(),
      startedAtMs: now,
    };
    desk.lastOutcome = null;
  },

  'callback.offer'(desk, f) {
    desk.callbackOffer = { callbackId: f.callbackId, to: f.to ?? '', queue: f.queue ?? '', reason: f.reason ?? '',
      attempts: Number.isFinite(f.attempts) ? f.attempts : 0 };
  },

  'callback.offer_cancelled'(desk, f) {
    if (desk.callbackOffer?.callbackId === f.callbackId) desk.callbackOffer = null;
  },

  'call.progress'(desk, f) {
    if (desk.call?.callId === f.callId && desk.call.progress !== 'answered') desk.call.progress = f.progress ?? 'ringing';
  },

  'call.held'(desk, f) {
    if (desk.call?.callId === f.callId) desk.call.held = f.on === true;
  },

  'call.muted'(desk, f) {
    if (desk.call?.callId === f.callId) desk.call.muted = f.on === true;
  },

  'transfer.targets'(desk, f) {
    desk.transferTargets = {
      agents: Array.isArray(f.agents) ? f.agents : [],
      queues: Array.isArray(f.queues) ? f.queues : [],
      numbers: f.numbers === true,
    };
  },

  'transfer.consulting'(desk, f) {
    desk.consult = { callId: f.callId, kind: f.kind ?? 'agent', to: f.to ?? {}, progress: null };
    if (desk.call?.callId === f.callId) desk.call.consulting = true;
  },

  'transfer.progress'(desk, f) {
    if (desk.consult?.callId === f.callId) desk.consult.progress = f.progress ?? null;
  },

  'transfer.consulted'(desk, f) {
    desk.consultedBy = { callId: f.callId, by: f.by ?? {}, caller: f.caller ?? '', customer: f.customer ?? null };
  },

  'transfer.ended'(desk, f) {
    if (desk.consult?.callId === f.callId) desk.consult = null;
    if (desk.call?.callId === f.callId) desk.call.consulting = false;
    if (desk.consultedBy?.callId === f.callId) desk.consultedBy = null;
  },

  // A colleague hands this agent a caller: shown like an offer, which the call.answered right after turns into
  // the call in progress.
  'call.transferred'(desk, f, now) {
    if (desk.consultedBy?.callId === f.callId) desk.consultedBy = null;
    HANDLERS['call.offer'](desk, { ...f, ringTimeoutSeconds: null }, now);
    desk.ringing.transferredBy = f.by ?? null;
  },

  'call.ended'(desk, f, now) {
    if (desk.consult?.callId === f.callId) desk.consult = null;
    const call = desk.call?.callId === f.callId ? desk.call : null;
    const duration = Number.isFinite(f.durationSeconds) ? f.durationSeconds
      : call ? Math.round((now - call.startedAtMs) / 1000) : 0;
    desk.lastEnded = { callId: f.callId, from: call?.from ?? desk.ringing?.from ?? '', by: f.by ?? 'system', durationSeconds: duration };
    desk.lastOutcome = 'ended';
    // An outbound call nobody answered (busy, no answer...) has nothing to wrap up.
    const unanswered = call?.outbound && call.progress !== 'answered';
    if (call && !unanswered && !desk.wrapUps.some((w) => w.callId === call.callId)) {
      desk.wrapUps.push({ callId: call.callId, from: call.from, customer: call.customer, endedAtMs: now, wrapUpSeconds: null });
    }
    if (call) desk.call = null;
    if (desk.ringing?.callId === f.callId) desk.ringing = null;
  },
};

function setState(desk, state, reason, now) {
  if (typeof state !== 'string') return;
  const same = desk.agentState?.state === state && desk.agentState?.reason === (reason ?? null);
  desk.agentState = { state, reason: reason ?? null, sinceMs: same ? desk.agentState.sinceMs : now };
}
