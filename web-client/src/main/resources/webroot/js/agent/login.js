// Signing in (POST /api/login, docs/protocol.md "Login") and keeping the token for this tab only: sessionStorage
// survives a reload but not closing the tab, and is not shared with the agent's other tabs.

const LOGIN_URL = '/api/login';
const STORAGE_KEY = 'switchboard.agent.session';

/** Why a sign-in failed; kind is what the page tells the agent (translated as agent.login.error.<kind>). */
export class LoginError extends Error {
  /**
   * @param {'credentials'|'rate_limited'|'bad_request'|'draining'|'server'|'network'} kind
   * @param {number|null} retryAfterSeconds from a 429's Retry-After, when the server sent one
   */
  constructor(kind, message, retryAfterSeconds = null) {
    super(message);
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** @returns {Promise<{token: string, agent: {id: string, username: string, name: string}, expiresInSeconds: number}>} */
export async function login(username, password) {
  let response;
  try {
    response = await fetch(LOGIN_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password }),
      cache: 'no-store',
    });
  } catch (e) {
    throw new LoginError('network', e.message || String(e));
  }
  const text = await response.text().catch(() => '');
  if (response.status === 200) {
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      // handled below: a 200 without a token is a server fault, not the agent's
    }
    if (typeof body?.token !== 'string' || !body.token) throw new LoginError('server', 'login answer without a token');
    return body;
  }
  if (response.status === 401) throw new LoginError('credentials', text);
  if (response.status === 429) {
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new LoginError('rate_limited', text, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }
  if (response.status === 400) throw new LoginError('bad_request', text);
  // The server is draining before a stop (docs/reliability.md): no new sign-ins, come back later.
  if (response.status === 503 && text.includes('"server_draining"')) throw new LoginError('draining', text);
  throw new LoginError('server', `HTTP ${response.status} ${text}`.trim());
}

/** The signed-in agent of this tab, or null; an expired token counts as none. */
export function storedSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (!saved || typeof saved.token !== 'string') return null;
    if (typeof saved.expiresAt === 'number' && Date.now() >= saved.expiresAt) {
      forgetSession();
      return null;
    }
    return saved;
  } catch {
    return null;
  }
}

export function saveSession({ token, agent, expiresInSeconds }) {
  const saved = {
    token,
    agent: agent ?? null,
    expiresAt: Number.isFinite(expiresInSeconds) ? Date.now() + expiresInSeconds * 1000 : null,
  };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
  return saved;
}

export function forgetSession() {
  sessionStorage.removeItem(STORAGE_KEY);
}
