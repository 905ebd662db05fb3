// The REST API (docs/api.md) from the browser: JSON in and out, the login token as a bearer token. Errors come back
// as ApiError with the HTTP status and the server's message, which names the field at fault.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {string} path e.g. '/api/dispositions'
 * @param {{token: string, method?: string, body?: object}} options
 */
export async function api(path, { token, method = 'GET', body } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, e.message || String(e));
  }
  const text = await response.text().catch(() => '');
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: a proxy's error page; the status says enough
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json?.error ?? `HTTP ${response.status}`);
    error.details = Array.isArray(json?.details) ? json.details : []; // 422: each problem's field path
    throw error;
  }
  return json;
}

/** A label of a disposition in the page's language, then English, then its code. */
export function dispositionLabel(dispositions, code, lang) {
  const found = dispositions.find((d) => d.code === code);
  return found?.labels?.[lang] || found?.labels?.en || code || '';
}
