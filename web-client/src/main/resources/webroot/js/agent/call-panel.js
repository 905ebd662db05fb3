// The big card of the desk: nothing happening (idle, with how the last call ended), a call ringing (Answer /
// Reject, countdown) or a call in progress (timer, Hold, Mute, Keypad, Hang up). It draws the Desk model and
// reports what the agent pressed; it never changes the model itself.

import { t } from '../i18n.js';
import { callerLabel, formatDuration } from './format.js';
import { moveFocusIfLost } from './focus.js';
import { CustomerCard } from './customer-card.js';
import { WrapUpPanel } from './wrap-up.js';

const KEYS = [
  ['1', ''], ['2', 'ABC'], ['3', 'DEF'],
  ['4', 'GHI'], ['5', 'JKL'], ['6', 'MNO'],
  ['7', 'PQRS'], ['8', 'TUV'], ['9', 'WXYZ'],
  ['*', ''], ['0', '+'], ['#', ''],
];
/** The digits sent during this call, shown under the keypad; older ones scroll away. */
const SENT_DIGITS_SHOWN = 24;

export class CallPanel {
  /**
   * @param {{answer: () => void, reject: () => void, hangup: () => void, toggleHold: () => void,
   *          toggleMute: () => void, dtmf: (digit: string) => void,
   *          saveWrapUp: (pending: object, body: object, next: string) => Promise<void>}} actions
   */
  constructor(actions) {
    this.actions = actions;
    this.el = {
      area: document.getElementById('call-area'),
      idle: document.getElementById('idle-view'),
      idleTitle: document.getElementById('idle-title'),
      idleText: document.getElementById('idle-text'),
      lastCall: document.getElementById('last-call'),
      ringing: document.getElementById('ringing-view'),
      ringingFrom: document.getElementById('ringing-from'),
      ringingTo: document.getElementById('ringing-to'),
      ringingQueue: document.getElementById('ringing-queue'),
      countdown: document.getElementById('ringing-countdown'),
      countdownBar: document.getElementById('ringing-bar'),
      answer: document.getElementById('answer'),
      reject: document.getElementById('reject'),
      call: document.getElementById('call-view'),
      callFrom: document.getElementById('call-from'),
      callQueue: document.getElementById('call-queue'),
      timer: document.getElementById('call-timer'),
      flagHeld: document.getElementById('flag-held'),
      flagMuted: document.getElementById('flag-muted'),
      hold: document.getElementById('hold'),
      mute: document.getElementById('mute'),
      keypadToggle: document.getElementById('keypad-toggle'),
      keypad: document.getElementById('keypad'),
      keys: document.querySelector('#keypad .keypad__keys'),
      sent: document.getElementById('dtmf-sent'),
      hangup: document.getElementById('hangup'),
    };
    this.customerCard = new CustomerCard();
    this.wrapUp = new WrapUpPanel({ save: (pending, body, next) => actions.saveWrapUp(pending, body, next) });
    this.view = 'idle';
    this.ringing = null;
    this.call = null;
    this.sentDigits = '';
    this.sentForCall = null;
    this.buildKeypad();
    this.el.answer.addEventListener('click', () => actions.answer());
    this.el.reject.addEventListener('click', () => actions.reject());
    this.el.hangup.addEventListener('click', () => actions.hangup());
    this.el.hold.addEventListener('click', () => actions.toggleHold());
    this.el.mute.addEventListener('click', () => actions.toggleMute());
    this.el.keypadToggle.addEventListener('click', () => this.setKeypadOpen(this.el.keypad.hidden));
  }

  buildKeypad() {
    for (const [digit, letters] of KEYS) {
      const key = document.createElement('button');
      key.type = 'button';
      key.className = 'keypad__key';
      key.dataset.digit = digit;
      const main = document.createElement('span');
      main.className = 'keypad__digit';
      main.textContent = digit;
      const sub = document.createElement('span');
      sub.className = 'keypad__letters';
      sub.textContent = letters;
      sub.setAttribute('aria-hidden', 'true');
      key.append(main, sub);
      key.addEventListener('click', () => this.pressKey(digit));
      this.el.keys.append(key);
    }
    this.labelKeys();
  }

  labelKeys() {
    for (const key of this.el.keys.children) {
      const { digit } = key.dataset;
      if (digit === '*') key.setAttribute('aria-label', t('agent.keypad.star'));
      else if (digit === '#') key.setAttribute('aria-label', t('agent.keypad.hash'));
      else key.setAttribute('aria-label', digit);
    }
  }

  pressKey(digit) {
    this.sentDigits = (this.sentDigits + digit).slice(-SENT_DIGITS_SHOWN);
    this.el.sent.textContent = this.sentDigits;
    this.actions.dtmf(digit);
  }

  setKeypadOpen(open) {
    this.el.keypad.hidden = !open;
    this.el.keypadToggle.setAttribute('aria-expanded', String(open));
    if (open) this.el.keys.querySelector('button')?.focus();
  }

  /**
   * @param {import('./desk.js').Desk} desk
   * @param {{socketOpen: boolean, mediaConnected: boolean, busy: boolean, agentState: string|null}} context busy:
   *   a call request (answer, reject, hang up) is waiting for the server
   */
  render(desk, { socketOpen, mediaConnected, busy }) {
    this.ringing = desk.ringing;
    this.call = desk.call;
    const pendingWrapUp = desk.wrapUps[0] ?? null;
    const view = desk.call ? 'call' : desk.ringing ? 'ringing' : pendingWrapUp ? 'wrapup' : 'idle';
    const changed = view !== this.view;
    this.view = view;
    this.el.area.dataset.view = view;
    this.el.idle.hidden = view !== 'idle';
    this.el.ringing.hidden = view !== 'ringing';
    this.el.call.hidden = view !== 'call';

    if (view === 'idle') this.renderIdle(desk, socketOpen, mediaConnected);
    if (view === 'ringing') this.renderRinging(desk.ringing, socketOpen, busy);
    if (view === 'call') this.renderCall(desk.call, socketOpen, busy);
    this.wrapUp.render(pendingWrapUp, { count: desk.wrapUps.length, reasons: desk.notReadyReasons, show: view === 'wrapup' });
    const shown = view === 'ringing' ? desk.ringing : view === 'call' ? desk.call : view === 'wrapup' ? pendingWrapUp : null;
    this.customerCard.render(shown ? shown.customer ?? null : undefined);
    this.tick(Date.now());
    this.labelKeys();

    if (changed) {
      if (view === 'ringing') moveFocusIfLost(this.el.answer);
      if (view === 'call') moveFocusIfLost(this.el.hangup);
      // After a call, the idle title is where a keyboard user's focus (on Hang up, now hidden) continues.
      if (view === 'idle') moveFocusIfLost(this.el.idleTitle);
    }
  }

  renderIdle(desk, socketOpen, mediaConnected) {
    const state = desk.agentState?.state;
    let title = 'agent.idle.notReady';
    let text = 'agent.idle.notReadyText';
    if (!socketOpen) {
      title = 'agent.idle.offline';
      text = 'agent.idle.offlineText';
    } else if (state === 'ready') {
      title = 'agent.idle.waiting';
      text = mediaConnected ? 'agent.idle.waitingText' : 'agent.idle.waitingNoAudio';
    }
    this.el.idleTitle.textContent = t(title);
    this.el.idleText.textContent = t(text);
    this.el.area.dataset.waiting = String(socketOpen && state === 'ready');

    // Whichever happened last: a call that ended, or an offer that went away unanswered.
    const { lastEnded, lastMissed, lastOutcome } = desk;
    if (lastOutcome === 'ended' && lastEnded) {
      this.el.lastCall.hidden = false;
      this.el.lastCall.dataset.tone = 'info';
      this.el.lastCall.textContent = t(`agent.ended.by.${lastEnded.by}`, {
        duration: formatDuration(lastEnded.durationSeconds),
        caller: callerLabel(lastEnded.from),
      });
    } else if (lastOutcome === 'missed' && lastMissed) {
      this.el.lastCall.hidden = false;
      this.el.lastCall.dataset.tone = lastMissed.reason === 'rejected' ? 'info' : 'warn';
      this.el.lastCall.textContent = t(`agent.cancelled.${lastMissed.reason}`, { caller: callerLabel(lastMissed.from) });
    } else {
      this.el.lastCall.hidden = true;
    }
  }

  renderRinging(ringing, socketOpen, busy) {
    this.el.ringingFrom.textContent = callerLabel(ringing.from);
    this.el.ringingTo.textContent = ringing.to || t('agent.none');
    this.el.ringingQueue.textContent = ringing.queue || t('agent.none');
    this.el.answer.disabled = !socketOpen || busy;
    this.el.reject.disabled = !socketOpen || busy;
  }

  renderCall(call, socketOpen, busy) {
    if (this.sentForCall !== call.callId) {
      this.sentForCall = call.callId;
      this.sentDigits = '';
      this.el.sent.textContent = '';
      this.setKeypadOpen(false);
    }
    this.el.callFrom.textContent = callerLabel(call.from);
    this.el.callQueue.textContent = call.outbound ? `· ${t(`agent.dial.progress.${call.progress ?? 'dialing'}`)}`
      : call.queue ? `· ${call.queue}` : '';
    this.el.hold.setAttribute('aria-pressed', String(call.held));
    this.el.mute.setAttribute('aria-pressed', String(call.muted));
    this.el.flagHeld.hidden = !call.held;
    this.el.flagMuted.hidden = !call.muted;
    this.el.area.dataset.held = String(call.held);
    for (const button of [this.el.hold, this.el.mute, this.el.hangup]) button.disabled = !socketOpen;
    // While consulting for a transfer the caller stays held: Complete or Cancel (the transfer bar) resumes.
    if (call.consulting) this.el.hold.disabled = true;
    this.el.hangup.disabled = !socketOpen || busy;
    for (const key of this.el.keys.children) key.disabled = !socketOpen;
  }

  /** Redraws what moves with the clock: the ring countdown and the call timer. */
  tick(now) {
    if (this.view === 'ringing' && this.ringing) {
      const total = this.ringing.ringTimeoutSeconds;
      if (total) {
        const left = Math.max(0, total - (now - this.ringing.offeredAtMs) / 1000);
        this.el.countdown.textContent = formatDuration(Math.ceil(left));
        this.el.countdownBar.style.setProperty('--left', (left / total).toFixed(3));
      } else {
        this.el.countdown.textContent = t('agent.none');
        this.el.countdownBar.style.setProperty('--left', '1');
      }
    }
    if (this.view === 'call' && this.call) {
      this.el.timer.textContent = formatDuration((now - this.call.startedAtMs) / 1000);
    }
    if (this.view === 'wrapup') this.wrapUp.tick(now);
  }
}
