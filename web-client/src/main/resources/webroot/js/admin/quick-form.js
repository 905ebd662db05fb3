// A form for the common edits, above the JSON (which stays the whole truth): a queue's strategy, ring time, wrap-up,
// maximum wait and where callers go after it or when no agent is logged in; a flow's black-list numbers. Each change rewrites the JSON in the
// editor; nothing is sent until Save. A field left empty removes the key, so the server's default applies.

import { t } from '../i18n.js';

const STRATEGIES = ['longest-idle', 'round-robin', 'fewest-calls', 'least-talk-time', 'linear', 'ring-all',
  'random', 'weighted-random'];
const E164 = /^\+[1-9][0-9]{1,14}$/;

export class QuickForm {
  /**
   * @param {HTMLElement} container the fieldset the fields go in
   * @param {HTMLTextAreaElement} editor the JSON text area
   */
  constructor(container, editor) {
    this.container = container;
    this.editor = editor;
    this.kind = null;
    this.queues = [];
    this.readOnly = true;
    editor.addEventListener('input', () => this.refresh());
  }

  /** @param {string[]} queues the ids of the queues, for overflow targets */
  show(kind, id, queues, readOnly) {
    this.kind = kind;
    this.id = id;
    this.queues = queues;
    this.readOnly = readOnly;
    this.refresh();
  }

  hide() {
    this.kind = null;
    this.container.hidden = true;
  }

  /** Rebuilds the fields from the JSON; while the JSON does not parse the form waits, greyed out. */
  refresh() {
    if (this.kind !== 'queue' && this.kind !== 'flow') return this.hide();
    const doc = this.parse();
    if (doc === undefined) {
      this.container.disabled = true;
      return;
    }
    const fields = this.kind === 'queue' ? this.queueFields(doc) : this.flowFields(doc);
    if (fields.length === 0) {
      this.container.hidden = true;
      return;
    }
    const active = document.activeElement?.id;
    const legend = document.createElement('legend');
    legend.textContent = t('admin.quick.legend');
    this.container.replaceChildren(legend, ...fields);
    this.container.hidden = false;
    this.container.disabled = this.readOnly;
    if (active && this.container.querySelector(`#${CSS.escape(active)}`)) document.getElementById(active).focus();
  }

  parse() {
    try {
      const doc = JSON.parse(this.editor.value);
      return doc && typeof doc === 'object' && !Array.isArray(doc) ? doc : undefined;
    } catch {
      return undefined;
    }
  }

  /** Applies one change to the JSON in the editor. */
  change(mutate) {
    const doc = this.parse();
    if (doc === undefined) return;
    mutate(doc);
    this.editor.value = JSON.stringify(doc, null, 2);
  }

  queueFields(doc) {
    const strategy = select('quick-strategy', t('admin.quick.strategy'),
      STRATEGIES.map((s) => [s, t(`admin.strategy.${s}`)]), doc.strategy ?? 'longest-idle',
      (v) => this.change((d) => { d.strategy = v; }));
    const seconds = (key, min, max, fallback) => number(`quick-${key}`, t(`admin.quick.${key}`), doc[key], min, max,
      t('admin.quick.default', { value: fallback }), (v) => this.change((d) => {
        if (v === null) delete d[key];
        else d[key] = v;
      }));
    const overflow = (key, first) => {
      const target = doc[key];
      const current = typeof target === 'string' ? target
        : target?.kind === 'queue' ? `queue:${target.queue}` : first;
      const options = [...(first === 'wait' ? [['wait', t('admin.target.wait')]] : []),
        ['voicemail', t('admin.target.voicemail')], ['callback', t('admin.target.callback')],
        ['refuse', t('admin.target.refuse')],
        ...this.queues.filter((q) => q !== this.id).map((q) => [`queue:${q}`, t('admin.target.queue', { queue: q })])];
      return select(`quick-${key}`, t(`admin.quick.${key}`), options, current, (v) => this.change((d) => {
        if (v === 'wait') delete d[key];
        else d[key] = v.startsWith('queue:') ? { kind: 'queue', queue: v.slice(6) } : v;
      }));
    };
    return [row(strategy, seconds('offerTimeout', 1, 600, 20), seconds('wrapUp', 0, 3600, 0)),
      row(seconds('maxWait', 0, 86400, 0), overflow('whenMaxWait', 'voicemail'), overflow('whenNoAgents', 'wait'))];
  }

  flowFields(doc) {
    const steps = doc.steps && typeof doc.steps === 'object' ? doc.steps : {};
    return Object.entries(steps).filter(([, s]) => s?.type === 'block-list').map(([id, step]) => {
      const field = document.createElement('div');
      field.className = 'field';
      const label = document.createElement('label');
      label.htmlFor = `quick-block-${id}`;
      label.textContent = t('admin.quick.blockList', { step: id });
      const area = document.createElement('textarea');
      area.id = `quick-block-${id}`;
      area.rows = 3;
      area.dir = 'ltr';
      area.spellcheck = false;
      area.value = (Array.isArray(step.numbers) ? step.numbers : []).join('\n');
      const hint = document.createElement('p');
      hint.className = 'hint';
      hint.id = `quick-block-${id}-hint`;
      area.setAttribute('aria-describedby', hint.id);
      const describe = () => {
        const wrong = lines(area.value).filter((n) => !E164.test(n));
        hint.textContent = wrong.length ? t('admin.quick.notE164', { numbers: wrong.join(', ') }) : t('admin.quick.blockHint');
        hint.dataset.tone = wrong.length ? 'error' : '';
        area.setAttribute('aria-invalid', String(wrong.length > 0));
      };
      describe();
      area.addEventListener('input', () => {
        describe();
        this.change((d) => { d.steps[id].numbers = lines(area.value); });
      });
      field.append(label, area, hint);
      return field;
    });
  }
}

function lines(text) {
  return text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
}

function row(...fields) {
  const div = document.createElement('div');
  div.className = 'admin-quick__row';
  div.append(...fields);
  return div;
}

function select(id, text, options, value, onChange) {
  const field = document.createElement('div');
  field.className = 'field';
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = text;
  const input = document.createElement('select');
  input.id = id;
  for (const [v, name] of options) input.append(new Option(name, v, false, v === value));
  if (!options.some(([v]) => v === value)) input.append(new Option(value, value, false, true));
  input.addEventListener('change', () => onChange(input.value));
  field.append(label, input);
  return field;
}

function number(id, text, value, min, max, placeholder, onChange) {
  const field = document.createElement('div');
  field.className = 'field';
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = text;
  const input = document.createElement('input');
  input.id = id;
  input.type = 'number';
  input.inputMode = 'numeric';
  input.min = String(min);
  input.max = String(max);
  input.step = '1';
  input.placeholder = placeholder;
  input.value = value === undefined || value === null ? '' : String(value);
  input.addEventListener('change', () => {
    const v = input.value.trim();
    if (v === '') return onChange(null);
    const n = Number(v);
    const ok = Number.isInteger(n) && n >= min && n <= max;
    input.setAttribute('aria-invalid', String(!ok));
    // Out of range still goes into the JSON: the server names the problem on Save, as it would for typed JSON.
    onChange(Number.isFinite(n) ? n : v);
  });
  field.append(label, input);
  return field;
}
