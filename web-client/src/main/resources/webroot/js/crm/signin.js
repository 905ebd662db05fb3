// The CRM pages use the same sign-in as the agent desktop (POST /api/login, token kept for this tab): when the tab
// has no token yet (a page opened on its own), the page shows its sign-in form and goes on once signed in. An
// expired or revoked token (401) brings the form back.

import { t } from '../i18n.js';
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

function askToSignIn() {
  const section = document.getElementById('signin');
  const form = document.getElementById('signin-form');
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
