// The admin console's working copy of the routing configuration: every document by kind and id, edited by path
// ("queue/support/wrapUp", "agent/a-bob/skills/english"), compared with what the server holds to list the changes a
// save would send. Documents are plain objects; a path's first two parts are the kind and the document's id.

export function splitPath(path) {
  if (Array.isArray(path)) return path.map(String);
  return String(path).split('/').filter((p) => p !== '');
}

function clone(value) {
  return value === undefined ? undefined : structuredClone(value);
}

export class Draft {
  /** @param {Object<string, Array<{id, version, author, savedAt, document}>>} documents as GET /api/config gives */
  constructor(documents = {}) {
    this.saved = {};
    this.entries = {};
    for (const [kind, list] of Object.entries(documents)) {
      this.saved[kind] = {};
      this.entries[kind] = {};
      for (const entry of list) {
        const doc = clone(entry.document ?? {});
        delete doc.id;
        delete doc._id;
        this.saved[kind][entry.id] = doc;
        this.entries[kind][entry.id] = entry;
      }
    }
    this.docs = clone(this.saved);
  }

  ids(kind) {
    return Object.keys(this.docs[kind] ?? {}).sort((a, b) => a.localeCompare(b));
  }

  get(path) {
    let node = this.docs;
    for (const part of splitPath(path)) {
      if (node === null || typeof node !== 'object') return undefined;
      node = node[part];
    }
    return node;
  }

  /** Sets the value at path (undefined or '' removes the field; a path of two parts removes or creates a document). */
  update(path, value) {
    const parts = splitPath(path);
    if (parts.length < 2) throw new Error(`a path names a kind and an id: ${path}`);
    let node = this.docs;
    for (let i = 0; i < parts.length - 1; i += 1) {
      if (node[parts[i]] === null || typeof node[parts[i]] !== 'object') {
        if (value === undefined) return;
        node[parts[i]] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      }
      node = node[parts[i]];
    }
    const last = parts[parts.length - 1];
    if (value === undefined || value === '' || (parts.length > 2 && value === null)) {
      if (Array.isArray(node)) node.splice(Number(last), 1);
      else delete node[last];
    } else {
      node[last] = clone(value);
    }
  }

  /** Documents that differ from the server's: [{kind, id, before, after}] (before/after undefined = absent). */
  changes() {
    const out = [];
    const kinds = new Set([...Object.keys(this.saved), ...Object.keys(this.docs)]);
    for (const kind of kinds) {
      const ids = new Set([...Object.keys(this.saved[kind] ?? {}), ...Object.keys(this.docs[kind] ?? {})]);
      for (const id of ids) {
        const before = this.saved[kind]?.[id];
        const after = this.docs[kind]?.[id];
        if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ kind, id, before, after });
      }
    }
    return out;
  }

  /** Forgets the edits of one document (or of all). */
  revert(kind, id) {
    if (kind === undefined) {
      this.docs = clone(this.saved);
      return;
    }
    this.docs[kind] ??= {};
    if (this.saved[kind]?.[id] === undefined) delete this.docs[kind][id];
    else this.docs[kind][id] = clone(this.saved[kind][id]);
  }
}

/** Every leaf of a document as [path, value] pairs ("skills/english" → 4), for the diff the admin confirms. */
export function leaves(value, prefix = '') {
  if (value === null || typeof value !== 'object') return prefix ? [[prefix, value]] : [];
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    return prefix ? [[prefix, value]] : [];
  }
  const out = [];
  for (const [key, inner] of Object.entries(value)) {
    out.push(...leaves(inner, prefix ? `${prefix}/${key}` : key));
  }
  if (out.length === 0 && prefix) out.push([prefix, Array.isArray(value) ? [] : {}]);
  return out;
}

/** The field-level differences between two versions of a document: [{path, before, after}]. */
export function fieldChanges(before, after) {
  const a = new Map(leaves(before ?? {}));
  const b = new Map(leaves(after ?? {}));
  const out = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    if (JSON.stringify(a.get(path)) !== JSON.stringify(b.get(path))) {
      out.push({ path, before: a.get(path), after: b.get(path) });
    }
  }
  return out;
}
