// Placing a call from the desk (docs/protocol.md "call.dial"): a number typed in the idle view, or "Call back" on
// how the last call ended. A call back goes by reference (the call's id): the server looks the number up, so a
// number masked for this queue never reaches the browser.

import { t } from '../i18n.js';

/** What the server accepts as a number: digits with an optional leading +, spaces and dashes typed are dropped. */
const NUMBER = /^\+?[0-9]{2,20}$/;

export class DialPad {
  /** @param {{dial: (target: {number?: string, ref?: string}) => Promise<void>}} actions */
  constructor(actions) {
    this.actions = actions;
    this.el = {
      form: document.getElementById('dial-form'),
      number: document.getElementById('dial-number'),
      error: document.getElementById('dial-error'),
      submit: document.getElementById('dial-submit'),
      callBack: document.getElementById('call-back'),
      preview: document.getElementById('callback-preview'),
      previewTitle: document.getElementById('callback-preview-title'),
      previewText: document.getElementById('callback-preview-text'),
      accept: document.getElementById('callback-accept'),
    };
    this.offeredId = null;
    // Accepting a callback preview: the server dials the stored request (the number stays on the server).
    this.el.accept.addEventListener('click', () => {
      if (this.offeredId) this.actions.dial({ ref: this.offeredId }).catch(() => {});
    });
    this.lastCallId = null;
    this.el.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const number = this.el.number.value.replace(/[\s\-().]/g, '');
      if (!NUMBER.test(number)) {
        this.showError(t('agent.dial.invalid'));
        this.el.number.focus();
        return;
      }
      this.showError(null);
      this.actions.dial({ number }).then(() => { this.el.number.value = ''; }, () => {});
    });
    this.el.number.addEventListener('input', () => this.showError(null));
    this.el.callBack.addEventListener('click', () => {
      if (this.lastCallId) this.actions.dial({ ref: this.lastCallId }).catch(() => {});
    });
  }

  showError(text) {
    this.el.error.hidden = !text;
    this.el.error.textContent = text ?? '';
    this.el.number.setAttribute('aria-invalid', String(Boolean(text)));
  }

  /** @param {import('./desk.js').Desk} desk */
  render(desk, { socketOpen, mediaConnected, busy }) {
    const usable = socketOpen && mediaConnected && !busy && !desk.call && !desk.ringing;
    this.el.submit.disabled = !usable;
    this.el.number.disabled = !socketOpen;
    const last = desk.lastOutcome === 'ended' ? desk.lastEnded : desk.lastOutcome === 'missed' ? desk.lastMissed : null;
    // Calls the agent placed are called back by typing the number again; offers and answered calls by reference.
    this.lastCallId = last && !String(last.callId).startsWith('o-') ? last.callId : null;
    this.el.callBack.hidden = !this.lastCallId || Boolean(desk.callbackOffer);
    this.el.callBack.disabled = !usable;

    const offer = desk.callbackOffer;
    const newOffer = offer && offer.callbackId !== this.offeredId;
    this.offeredId = offer?.callbackId ?? null;
    this.el.preview.hidden = !offer;
    if (offer) {
      this.el.previewTitle.textContent = t('agent.callback.title', { number: offer.to });
      this.el.previewText.textContent = t('agent.callback.text', {
        queue: offer.queue || t('agent.none'),
        reason: t(`agent.callback.reason.${offer.reason}`) !== `agent.callback.reason.${offer.reason}`
          ? t(`agent.callback.reason.${offer.reason}`) : offer.reason,
        attempts: offer.attempts,
      });
      this.el.accept.disabled = !usable;
      if (newOffer) this.el.accept.focus();
    }
  }
}
