// Form fields bound to a path of the console's draft (docs/admin-console.md): each field writes its value with
// ctx.update(path, value) on change and carries data-path, so the shell can put the server's problem for that path
// right under it. Labels, hints and errors are linked for screen readers (aria-describedby).

let serial = 0;

/** el('p', {class: 'hint'}, 'text', child…): a small DOM builder; attributes named on… are listeners. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function idFor(path) {
  serial += 1;
  return `f-${String(path).replace(/[^A-Za-z0-9_-]+/g, '-')}-${serial}`;
}

/**
 * A labelled input bound to path.
 * @param {object} ctx the console's context
 * @param {{path: string, label: string, type?: 'text'|'number'|'select'|'checkbox'|'lines'|'textarea'|'password'|
 *   'date'|'time', options?: Array<[string, string]>, hint?: string, min?: number, max?: number, placeholder?: string,
 *   value?: any, onChange?: Function, name?: string, required?: boolean}} spec
 */
export function field(ctx, spec) {
  const { path, label, type = 'text', hint } = spec;
  const id = idFor(path);
  const hintId = `${id}-hint`;
  const current = spec.value !== undefined ? spec.value : ctx.get(path);
  let input;
  if (type === 'select') {
    input = el('select', { id });
    for (const [value, text] of spec.options ?? []) {
      const option = el('option', { value }, text);
      if (String(current ?? '') === value) option.selected = true;
      input.append(option);
    }
  } else if (type === 'lines' || type === 'textarea') {
    input = el('textarea', { id, rows: spec.rows ?? 4, spellcheck: 'false', placeholder: spec.placeholder });
    input.value = type === 'lines' ? (Array.isArray(current) ? current.join('\n') : '') : (current ?? '');
  } else if (type === 'checkbox') {
    input = el('input', { id, type: 'checkbox' });
    input.checked = Boolean(current);
  } else {
    input = el('input', {
      id, type, min: spec.min, max: spec.max, placeholder: spec.placeholder, step: type === 'number' ? 1 : undefined,
      autocomplete: type === 'password' ? 'new-password' : 'off', spellcheck: 'false', required: spec.required,
    });
    input.value = current ?? '';
  }
  if (spec.name) input.name = spec.name;
  input.dataset.path = path;
  if (hint) input.setAttribute('aria-describedby', hintId);
  input.addEventListener('change', () => {
    const value = read(input, type);
    if (spec.onChange) spec.onChange(value);
    else ctx.update(path, value);
  });
  const wrapper = type === 'checkbox'
    ? el('div', { class: 'field field--check' }, el('label', { class: 'check', for: id }, input, ' ', label))
    : el('div', { class: 'field' }, el('label', { for: id }, label), input);
  if (hint) wrapper.append(el('p', { class: 'hint', id: hintId }, hint));
  return wrapper;
}

function read(input, type) {
  if (type === 'checkbox') return input.checked;
  if (type === 'number') {
    const text = input.value.trim();
    if (text === '') return undefined;
    const n = Number(text);
    return Number.isFinite(n) ? n : text; // the server names a non-number; it is not silently dropped here
  }
  if (type === 'lines') return input.value.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean);
  const text = input.value.trim();
  return text === '' ? undefined : text;
}

/** A row of fields side by side. */
export function row(...fields) {
  return el('div', { class: 'console-row' }, ...fields);
}

/** A titled group of fields. */
export function group(legend, ...fields) {
  return el('fieldset', { class: 'console-group' }, el('legend', {}, legend), ...fields);
}
