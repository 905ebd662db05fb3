// Desktop notifications for the wallboard's alerts (opt-in: the button asks the browser's permission). A queue that
// turns red notifies once; it notifies again only after it was green in between.

import { t } from '../i18n.js';

const STORAGE_KEY = 'switchboard.wallboard.notify';

export class AlertNotifier {
  constructor(button) {
    this.button = button;
    this.red = new Set();
    this.first = true;
    this.enabled = 'Notification' in window && Notification.permission === 'granted'
      && localStorage.getItem(STORAGE_KEY) === 'on';
    this.button.hidden = !('Notification' in window);
    this.button.addEventListener('click', () => this.toggle());
    this.showState();
  }

  async toggle() {
    if (this.enabled) {
      this.enabled = false;
    } else {
      const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
      this.enabled = permission === 'granted';
    }
    localStorage.setItem(STORAGE_KEY, this.enabled ? 'on' : 'off');
    this.showState();
  }

  showState() {
    this.button.setAttribute('aria-pressed', String(this.enabled));
    this.button.textContent = t(this.enabled ? 'wallboard.notify.on' : 'wallboard.notify.enable');
  }

  /** Called with every snapshot: notifies for queues that have just turned red. */
  update(figures) {
    const now = new Set();
    for (const q of figures.queues) {
      if (q.alerts.length === 0) continue;
      now.add(q.id);
      if (!this.red.has(q.id) && !this.first && this.enabled) {
        const why = q.alerts.map((a) => t(`wallboard.alert.${a}`)).join(', ');
        new Notification(t('wallboard.notify.title', { queue: q.name }), { body: why, tag: `queue-${q.id}` });
      }
    }
    this.red = now;
    this.first = false;
  }
}
