// The CRM pages use the same sign-in as the agent desktop (POST /api/login, token kept for this tab): when the tab
// has no token yet (a page opened on its own), the page shows its sign-in form and goes on once signed in. An
// expired or revoked token (401) brings the form back.

import { t, translatePage } from '../i18n.js';
import { forgetSession, login, LoginError, saveSession, storedSession } from '../agent/login.js';

/** @returns {Promise<{token: string, agent: {id, username, name, roles}}>} */
export function signedIn() {
  const saved = storedSession();
  if (saved) return Promise.resolve(saved);
  return askToSignIn();
}

/** Forgets the token (the server refused it) and asks again. */
export function signInAgain() {
  forgetSession();
  return askToSignIn();
}

/** The form under the page's own heading in <section id="signin">: one copy of it for every page that signs in. */
function signInForm(section) {
  const existing = document.getElementById('signin-form');
  if (existing) return existing;
  const form = document.createElement('form');
  form.id = 'signin-form';
  form.className = 'form';
  form.noValidate = true;
  form.innerHTML = `<div class="field">
      <label for="username" data-i18n="agent.login.username"></label>
      <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required>
    </div>
    <div class="field">
      <label for="password" data-i18n="agent.login.password"></label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
    </div>
    <p id="signin-error" class="status" data-tone="error" role="alert" hidden></p>
    <button type="submit" class="button button--primary" data-i18n="agent.login.submit"></button>`;
  translatePage(form);
  section.append(form);
  return form;
}

function askToSignIn() {
  const section = document.getElementById('signin');
  const form = signInForm(section);
  const error = document.getElementById('signin-error');
  section.hidden = false;
  document.getElementById('username').focus();
  return new Promise((resolve) => {
    const onSubmit = async (event) => {
      event.preventDefault();
      error.hidden = true;
      const username = form.elements.username.value.trim();
      const password = form.elements.password.value;
      if (!username || !password) {
        error.hidden = false;
        error.textContent = t('agent.login.error.empty');
        return;
      }
      try {
        const saved = saveSession(await login(username, password));
        form.removeEventListener('submit', onSubmit);
        form.reset();
        section.hidden = true;
        resolve(saved);
      } catch (e) {
        error.hidden = false;
        error.textContent = t(`agent.login.error.${e instanceof LoginError ? e.kind : 'server'}`, {
          seconds: e.retryAfterSeconds ?? '',
        });
      }
    };
    form.addEventListener('submit', onSubmit);
  });
}

/** Whether this account may hear a call's recording (the server decides; this only hides links it would refuse). */
export function mayHear(agent, call) {
  const roles = Array.isArray(agent?.roles) ? agent.roles : [];
  if (roles.includes('admin') || roles.includes('supervisor')) return true;
  return Boolean(call?.agent?.id) && call.agent.id === agent?.id;
}
