// The banners under the desk's header bar: one per topic (the socket, the audio, the last refused request…), each
// remembered as a message key so a language change redraws it. A newer notice on a topic replaces the older one.

import { t } from '../i18n.js';

export class Notices {
  /** @param {HTMLElement} list an element (a <ul>) the banners are drawn into */
  constructor(list) {
    this.list = list;
    /** topic → {key, params, tone, action, timer} */
    this.shown = new Map();
  }

  /**
   * @param {string} topic
   * @param {{key: string, params?: object, tone?: 'info'|'ok'|'warn'|'error',
   *          action?: {key: string, run: () => void}, autoHideMs?: number}} notice
   */
  show(topic, { key, params = {}, tone = 'info', action = null, autoHideMs = 0 }) {
    this.hide(topic, false);
    const entry = { key, params, tone, action, timer: 0 };
    if (autoHideMs > 0) entry.timer = setTimeout(() => this.hide(topic), autoHideMs);
    this.shown.set(topic, entry);
    this.render();
  }

  hide(topic, render = true) {
    const entry = this.shown.get(topic);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.shown.delete(topic);
    if (render) this.render();
  }

  clear() {
    for (const topic of [...this.shown.keys()]) this.hide(topic, false);
    this.render();
  }

  render() {
    const items = [];
    for (const [topic, entry] of this.shown) {
      const li = document.createElement('li');
      li.className = 'notice';
      li.dataset.tone = entry.tone;
      li.dataset.topic = topic;
      const text = document.createElement('span');
      text.className = 'notice__text';
      text.textContent = t(entry.key, entry.params);
      li.append(text);
      if (entry.action) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'button button--small';
        button.textContent = t(entry.action.key);
        button.addEventListener('click', () => entry.action.run());
        li.append(button);
      }
      items.push(li);
    }
    this.list.replaceChildren(...items);
    this.list.hidden = items.length === 0;
  }
}
