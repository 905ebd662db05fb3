// The signed-in account of the quality pages and their API calls: a refused token (401) brings the sign-in form
// back once, then the call is repeated.

import { api, ApiError } from '../api.js';
import { signedIn, signInAgain } from '../crm/signin.js';

let session = null;

export async function signIn() {
  session = await signedIn();
  return session;
}

export function account() {
  return session?.agent ?? null;
}

export function hasRole(role) {
  return Array.isArray(session?.agent?.roles) && session.agent.roles.includes(role);
}

export function token() {
  return session?.token;
}

/** GET (or another method with a body) against /api, as the signed-in account. */
export async function call(path, options = {}) {
  try {
    return await api(path, { ...options, token: session.token });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      session = await signInAgain();
      return api(path, { ...options, token: session.token });
    }
    throw e;
  }
}

/** "1:05" for 65 seconds. */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds || 0));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
