// The routing configuration's REST API (docs/api.md, "Configuration"): reading for supervisors and admins, changes
// for admins, each change conditional on the version the admin saw (If-Match), so two admins never overwrite each
// other unknowingly. Errors are ApiError with the status and the server's message.

import { ApiError } from '../api.js';

export const KINDS = Object.freeze(['schedule', 'list', 'queue', 'agent', 'group', 'flow', 'entry-points', 'settings']);
/** Kinds with exactly one document, whose id is always "default". */
export const SINGLETONS = Object.freeze(['entry-points', 'settings']);
export const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;


async function request(path, token, { method = 'GET', body, version, note } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token}` };
  // The admin's note on the change goes to the audit log (encoded: a header is ASCII).
  if (note) headers['X-Change-Note'] = encodeURIComponent(note);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (version !== undefined && version !== null) headers['If-Match'] = `"${version}"`;
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, e.message || String(e));
  }
  const text = await response.text().catch(() => '');
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (a proxy's page): the status says enough
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json?.error ?? `HTTP ${response.status}`);
    error.problems = Array.isArray(json?.problems) ? json.problems.map(String) : null; // 422
    error.details = Array.isArray(json?.details) ? json.details : []; // 422: {kind, id, path, message}
    error.currentVersion = json?.currentVersion ?? null; // 409
    throw error;
  }
  return json;
}

function documentPath(kind, id) {
  return `/api/config/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`;
}

/** @returns {Promise<{revision: number, documents: Object<string, Array>}>} */
export function snapshot(token) {
  return request('/api/config', token);
}

export function entry(token, kind, id) {
  return request(documentPath(kind, id), token);
}

export async function versions(token, kind, id) {
  return (await request(`${documentPath(kind, id)}/versions`, token)).items ?? [];
}

/** Stores the document as the next version; version is the one the admin edited (0: a new document). */
export function save(token, kind, id, document, version, note) {
  return request(documentPath(kind, id), token, { method: 'PUT', body: document, version, note });
}

export function remove(token, kind, id, version, note) {
  return request(documentPath(kind, id), token, { method: 'DELETE', version, note });
}

/** Stores an earlier version (toVersion; null: the one before the current) as the newest. */
export function rollback(token, kind, id, version, toVersion = null) {
  return request(`${documentPath(kind, id)}/rollback`, token, {
    method: 'POST', version, body: toVersion === null ? undefined : { toVersion },
  });
}

/** A 422's problems: its list, else its message split where the server joins problems with "; ". */
export function problemsOf(error) {
  if (Array.isArray(error.problems) && error.problems.length) return error.problems;
  const text = String(error.message ?? '');
  const colon = text.indexOf(': ');
  const list = text.startsWith('the configuration would not be valid') && colon >= 0 ? text.slice(colon + 2) : text;
  return list.split('; ').map((p) => p.trim()).filter(Boolean);
}
