// The sign-in form: validates the two fields, calls login() and says in the agent's language why it failed.

import { t } from '../i18n.js';
import { login, LoginError } from './login.js';

export class LoginView {
  /** @param {(result: {token, agent, expiresInSeconds}) => void} onSignedIn */
  constructor(onSignedIn) {
    this.onSignedIn = onSignedIn;
    this.el = {
      view: document.getElementById('login-view'),
      form: document.getElementById('login-form'),
      username: document.getElementById('username'),
      password: document.getElementById('password'),
      error: document.getElementById('login-error'),
      submit: document.getElementById('login-submit'),
    };
    /** The message shown, as a key and parameters, so a language change redraws it. */
    this.message = null;
    this.busy = false;
    this.el.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
  }

  /** @param {{key: string, params?: object, tone?: string} | null} message e.g. why the agent is back here */
  show(message = null) {
    this.el.view.hidden = false;
    this.el.password.value = '';
    this.setMessage(message);
    (this.el.username.value ? this.el.password : this.el.username).focus();
  }

  hide() {
    this.el.view.hidden = true;
    this.setMessage(null);
  }

  async submit() {
    if (this.busy) return;
    const username = this.el.username.value.trim();
    const password = this.el.password.value;
    if (!username || !password) {
      this.setMessage({ key: 'agent.login.error.empty' });
      (username ? this.el.password : this.el.username).focus();
      return;
    }
    this.setBusy(true);
    this.setMessage(null);
    try {
      const result = await login(username, password);
      this.el.password.value = '';
      this.onSignedIn(result);
    } catch (e) {
      const kind = e instanceof LoginError ? e.kind : 'server';
      if (!(e instanceof LoginError) || kind === 'server') console.error('sign-in failed', e);
      const key = kind === 'rate_limited' && e.retryAfterSeconds ? 'agent.login.error.rate_limited_for'
        : `agent.login.error.${kind}`;
      this.setMessage({ key, params: { seconds: e.retryAfterSeconds ?? '' } });
      if (kind === 'credentials') {
        this.el.password.value = '';
        this.el.password.focus();
      }
    } finally {
      this.setBusy(false);
    }
  }

  setBusy(busy) {
    this.busy = busy;
    this.el.submit.disabled = busy;
    this.el.submit.setAttribute('aria-busy', String(busy));
    this.el.submit.querySelector('span').textContent = t(busy ? 'agent.login.submitting' : 'agent.login.submit');
  }

  setMessage(message) {
    this.message = message;
    this.el.error.hidden = !message;
    if (!message) return;
    this.el.error.textContent = t(message.key, message.params ?? {});
    this.el.error.dataset.tone = message.tone ?? 'error';
    const invalid = message.tone === undefined || message.tone === 'error';
    this.el.username.setAttribute('aria-invalid', String(invalid && message.key === 'agent.login.error.credentials'));
    this.el.password.setAttribute('aria-invalid', String(invalid && message.key === 'agent.login.error.credentials'));
  }

  /** After a language change. */
  retranslate() {
    this.setBusy(this.busy);
    if (this.message) this.setMessage(this.message);
  }
}
