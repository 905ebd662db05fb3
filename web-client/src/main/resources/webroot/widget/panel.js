// The widget's face: a round launcher button and a small panel, in a Shadow DOM. It renders the WebCall's state
// and turns clicks and keys into calls of it. Usable by keyboard: Tab through, Enter/Space to press, Escape closes
// the panel (and returns focus to the launcher), 0-9 * # on the keypad while it is open.

import { STYLES } from './styles.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
const PHONE_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2'
  + 'c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 '
  + '0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1z"/></svg>';

export class WidgetPanel {
  /** @param {{host: HTMLElement, call: import('./web-call.js').WebCall, t: Function, askContact: boolean, left: boolean}} o */
  constructor({ host, call, t, askContact, left }) {
    this.call = call;
    this.t = t;
    this.asksContact = askContact;
    this.timer = null;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<style>${STYLES}</style>
      <div class="root${left ? ' left' : ''}">
        <section class="panel" id="panel" role="dialog" aria-labelledby="title" hidden>
          <div class="head">
            <h2 id="title"></h2>
            <button class="close" id="close" type="button">×</button>
          </div>
          <div class="status" id="status" role="status" aria-live="polite"></div>
          <div class="detail" id="detail"></div>
          <div class="timer" id="timer" hidden>0:00</div>
          <div class="problem" id="problem" role="alert" hidden></div>
          <div class="contact" id="contact" hidden>
            <label><span id="name-label"></span><input id="name" autocomplete="name" maxlength="80"></label>
            <label><span id="number-label"></span><input id="number" type="tel" autocomplete="tel" maxlength="24">
            </label>
          </div>
          <button class="call" id="call" type="button"></button>
          <div class="controls" id="controls" hidden>
            <button id="mute" type="button" aria-pressed="false"></button>
            <button id="keypad-toggle" type="button" aria-expanded="false" aria-controls="keypad"></button>
            <button class="hangup" id="hangup" type="button"></button>
          </div>
          <div class="keypad" id="keypad" role="group" hidden>
            ${KEYS.map((k) => `<button type="button" data-key="${k}">${k}</button>`).join('')}
          </div>
          <div class="sr" id="dtmf-echo" aria-live="polite"></div>
        </section>
        <button class="launcher" id="launcher" type="button" aria-expanded="false" aria-controls="panel">
          ${PHONE_ICON}</button>
      </div>`;
    this.el = (id) => shadow.getElementById(id);
    this.shadow = shadow;
    this.wire();
    this.translate();
    this.render();
  }

  wire() {
    this.el('launcher').addEventListener('click', () => this.toggle());
    this.el('close').addEventListener('click', () => this.toggle(false));
    this.el('call').addEventListener('click', () => this.call.start({
      name: this.el('name').value, number: this.el('number').value,
    }));
    this.el('hangup').addEventListener('click', () => this.call.hangup());
    this.el('mute').addEventListener('click', () => {
      this.call.mute(!this.call.muted());
      this.render();
    });
    this.el('keypad-toggle').addEventListener('click', () => {
      const open = this.el('keypad').hidden;
      this.el('keypad').hidden = !open;
      this.el('keypad-toggle').setAttribute('aria-expanded', String(open));
      if (open) this.el('keypad').querySelector('button').focus();
    });
    this.el('keypad').addEventListener('click', (event) => {
      const key = event.target.closest('button')?.dataset.key;
      if (key) this.press(key);
    });
    this.el('panel').addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.toggle(false);
        event.stopPropagation();
      } else if (!this.el('keypad').hidden && KEYS.includes(event.key) && event.target.tagName !== 'INPUT') {
        this.press(event.key);
        event.preventDefault();
      }
    });
    this.call.addEventListener('state', () => this.render());
  }

  press(key) {
    if (this.call.sendDigit(key)) this.el('dtmf-echo').textContent = key;
  }

  toggle(open = this.el('panel').hidden) {
    this.el('panel').hidden = !open;
    this.el('launcher').setAttribute('aria-expanded', String(open));
    if (open) {
      (this.call.active() ? this.el('hangup') : this.el('call')).focus();
    } else {
      this.el('launcher').focus();
    }
  }

  translate() {
    const t = this.t;
    this.el('title').textContent = t('widget.title');
    this.el('close').setAttribute('aria-label', t('widget.close'));
    this.el('launcher').setAttribute('aria-label', t('widget.open'));
    this.el('launcher').title = t('widget.open');
    this.el('name-label').textContent = t('widget.name');
    this.el('number-label').textContent = t('widget.number');
    this.el('call').textContent = t('widget.call');
    this.el('mute').textContent = t('widget.mute');
    this.el('keypad-toggle').textContent = t('widget.keypad');
    this.el('hangup').textContent = t('widget.hangup');
    this.el('keypad').setAttribute('aria-label', t('widget.keypad'));
  }

  render() {
    const { state, detail } = this.call;
    const t = this.t;
    const active = this.call.active();
    this.el('status').textContent = t(`widget.state.${state}`);
    this.el('detail').textContent = this.detailText(state, detail);
    const problem = state === 'error' ? this.problemText(detail) : '';
    this.el('problem').textContent = problem;
    this.el('problem').hidden = !problem;
    this.el('call').hidden = active;
    this.el('call').textContent = this.call.statesSeen.includes('starting') ? t('widget.callAgain') : t('widget.call');
    this.el('contact').hidden = active || !this.asksContact;
    this.el('controls').hidden = !active;
    this.el('mute').setAttribute('aria-pressed', String(this.call.muted()));
    this.el('mute').textContent = this.call.muted() ? t('widget.unmute') : t('widget.mute');
    if (!active) {
      this.el('keypad').hidden = true;
      this.el('keypad-toggle').setAttribute('aria-expanded', 'false');
    }
    this.el('panel').dataset.state = state;
    this.renderTimer(state);
    if (active && this.shadow.activeElement === this.el('call')) this.el('hangup').focus();
  }

  detailText(state, detail) {
    const t = this.t;
    if (state === 'queued') {
      const parts = [];
      if (detail.position) parts.push(t('widget.position', { position: detail.position }));
      if (detail.estimatedWaitSeconds) {
        parts.push(t('widget.wait', { minutes: Math.max(1, Math.round(detail.estimatedWaitSeconds / 60)) }));
      }
      return parts.join(' · ');
    }
    if (state === 'ended') return detail.reason === 'network' ? t('widget.ended.network') : t('widget.ended.thanks');
    if (state === 'survey') return t('widget.surveyHint');
    return '';
  }

  problemText(detail) {
    const t = this.t;
    if (detail.code === 'microphone') {
      return `${t(`widget.error.microphone.${detail.reason === 'missing' ? 'missing' : 'denied'}`)} ${
        t('widget.error.microphone.help')}`;
    }
    const key = `widget.error.${detail.code}`;
    const text = t(key);
    return text === key ? t('widget.error.unavailable') : text;
  }

  renderTimer(state) {
    const timer = this.el('timer');
    const running = (state === 'connected' || state === 'survey') && this.call.connectedAt !== null;
    timer.hidden = !running && state !== 'ended';
    if (state === 'ended' && this.call.connectedAt === null) timer.hidden = true;
    if (running && !this.timer) {
      this.timer = setInterval(() => this.tick(), 1000);
      this.tick();
    } else if (!running && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  tick() {
    const seconds = Math.max(0, Math.floor((Date.now() - this.call.connectedAt) / 1000));
    this.el('timer').textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  }
}
