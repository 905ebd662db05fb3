// The evaluation form as fields, not JSON (issue 16): the form's name, its sections in order, each with its questions
// (text, weight, yes/no or a scale 1..N, N/A allowed, critical). Every input carries data-path in the API's own field
// path (sections[1].questions[0].weight, docs/api.md "Quality"), so a 422 from the server is shown under the field it
// names. Ids the API needs are made here (s1, q1, and the form's from its name) and never shown.

import { t } from '../i18n.js';
import { el, field, row } from '../admin/fields.js';

const NO_CONTEXT = { get: () => undefined, update: () => {} };
const DEFAULT_SCALE = 5;

/** A blank question with a fresh id. */
function newQuestion(form) {
  return { id: freshId(form, 'q'), text: '', weight: 10, type: 'yesno', naAllowed: false, critical: false };
}

function newSection(form) {
  return { id: freshId(form, 's'), title: '', questions: [] };
}

/** The first of prefix1, prefix2… no section or question of the form is called yet. */
function freshId(form, prefix) {
  const taken = new Set(form.sections.flatMap((s) => [s.id, ...s.questions.map((q) => q.id)]));
  let n = 1;
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

/** A form id from its name ("Support calls" → support-calls), unique among the forms; form-N for a Cyrillic name. */
export function formIdFor(name, existing) {
  const slug = String(name ?? '').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '').slice(0, 34).replace(/-+$/, '');
  const base = slug || 'form';
  let id = slug || 'form-1';
  for (let n = 2; existing.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

export class FormBuilder {
  /** @param {HTMLElement} container where the fields go */
  constructor(container) {
    this.container = container;
    this.form = null;
  }

  /** Edits a copy of form, or a new one (a section with one question) when form is null. */
  load(form) {
    this.form = form ? structuredClone({ id: form.id, version: form.version, name: form.name,
      sections: form.sections }) : { id: null, name: '', sections: [] };
    if (!form) this.addSection();
    this.render();
  }

  /** A new section comes with its first question, ready to be written. */
  addSection() {
    const section = newSection(this.form);
    this.form.sections.push(section);
    section.questions.push(newQuestion(this.form));
  }

  /** The form as the API takes it, read from the fields as they are now. */
  value() {
    this.collect();
    const { name, version, sections } = this.form;
    return {
      name, version,
      sections: sections.map((s) => ({ id: s.id, title: s.title, questions: s.questions.map((q) => {
        const out = { id: q.id, text: q.text, weight: q.weight, type: q.type, naAllowed: Boolean(q.naAllowed),
          critical: q.type === 'scale' ? false : Boolean(q.critical) };
        if (q.type === 'scale') out.scaleMax = q.scaleMax;
        return out;
      }) })),
    };
  }

  /** Reads every field back into the model (the fields are the truth between re-renders). */
  collect() {
    for (const input of this.container.querySelectorAll('[data-path]')) {
      const keys = input.dataset.path.split(/[.[\]]+/).filter(Boolean);
      let target = this.form;
      for (const key of keys.slice(0, -1)) target = target?.[key];
      if (target) target[keys.at(-1)] = readField(input);
    }
  }

  render(focus) {
    const sections = this.form.sections.map((s, i) => this.section(s, i));
    const add = el('button', { type: 'button', class: 'button', 'data-action': 'add-section',
      onclick: () => this.change(() => this.addSection(),
        `[data-section="${this.form.sections.length}"] [data-path$=".title"]`) }, t('quality.builder.addSection'));
    this.container.replaceChildren(
      field(NO_CONTEXT, { path: 'name', label: t('quality.builder.name'), value: this.form.name ?? '' }),
      el('div', { class: 'qb-sections', 'data-path-box': 'sections' }, sections), add);
    // The first of the selectors that finds something gets the focus (a moved item's button may now be disabled).
    for (const selector of [focus ?? []].flat()) {
      const target = this.container.querySelector(selector);
      if (target) {
        target.focus();
        break;
      }
    }
  }

  /** A structural change: keep what was typed, change, draw again, put the focus where the admin continues. */
  change(apply, focus) {
    this.collect();
    apply();
    this.render(focus);
  }

  section(s, i) {
    const at = `sections[${i}]`;
    const count = this.form.sections.length;
    const n = i + 1;
    const box = el('fieldset', { class: 'qb-section', 'data-section': i, 'data-path-box': `${at}.questions` },
      el('legend', {}, t('quality.builder.section', { n })),
      el('div', { class: 'qb-toolbar' },
        field(NO_CONTEXT, { path: `${at}.title`, label: t('quality.builder.sectionTitle'), value: s.title ?? '' }),
        this.moves('section', n, count, (to) => this.change(() => move(this.form.sections, i, to),
          movedFocus(`[data-section="${to}"] > .qb-toolbar`, to < i)),
        () => this.change(() => this.form.sections.splice(i, 1), count > 1
          ? `[data-section="${Math.min(i, count - 2)}"] [data-path$=".title"]` : '[data-action=add-section]'))),
      el('ol', { class: 'qb-questions' }, s.questions.map((q, j) => this.question(q, i, j))),
      el('button', { type: 'button', class: 'button button--small', 'data-action': 'add-question',
        onclick: () => this.change(() => s.questions.push(newQuestion(this.form)),
          `[data-section="${i}"] [data-question="${s.questions.length}"] [data-path$=".text"]`) },
      t('quality.builder.addQuestion')));
    return box;
  }

  question(q, i, j) {
    const at = `sections[${i}].questions[${j}]`;
    const list = this.form.sections[i].questions;
    const n = j + 1;
    const scale = q.type === 'scale';
    const type = field(NO_CONTEXT, { path: `${at}.type`, label: t('quality.builder.type'), type: 'select',
      value: q.type ?? 'yesno', options: [['yesno', t('quality.builder.yesno')], ['scale', t('quality.builder.scale')]],
      onChange: () => this.change(() => {
        if (q.type === 'scale') {
          q.scaleMax ??= DEFAULT_SCALE;
          q.critical = false;
        }
      }, `[data-section="${i}"] [data-question="${j}"] [data-path$=".type"]`) });
    const critical = field(NO_CONTEXT, { path: `${at}.critical`, label: t('quality.builder.critical'),
      type: 'checkbox', value: !scale && Boolean(q.critical), hint: t(scale ? 'quality.builder.critical.scale'
        : 'quality.builder.critical.hint') });
    if (scale) critical.querySelector('input').disabled = true;
    return el('li', { class: 'qb-question', 'data-question': j },
      el('div', { class: 'qb-toolbar' },
        el('span', { class: 'qb-number' }, t('quality.builder.question', { n })),
        this.moves('question', n, list.length, (to) => this.change(() => move(list, j, to),
          movedFocus(`[data-section="${i}"] [data-question="${to}"] > .qb-toolbar`, to < j)),
        () => this.change(() => list.splice(j, 1), list.length > 1
          ? `[data-section="${i}"] [data-question="${Math.min(j, list.length - 2)}"] [data-path$=".text"]`
          : `[data-section="${i}"] [data-action=add-question]`))),
      field(NO_CONTEXT, { path: `${at}.text`, label: t('quality.builder.text'), value: q.text ?? '' }),
      row(
        field(NO_CONTEXT, { path: `${at}.weight`, label: t('quality.builder.weight'), type: 'number', min: 1, max: 100,
          value: q.weight ?? '', hint: t('quality.builder.weight.hint') }),
        type,
        scale ? field(NO_CONTEXT, { path: `${at}.scaleMax`, label: t('quality.builder.scaleMax'), type: 'number',
          min: 2, max: 10, value: q.scaleMax ?? DEFAULT_SCALE, hint: t('quality.builder.scaleMax.hint') }) : null),
      row(
        field(NO_CONTEXT, { path: `${at}.naAllowed`, label: t('quality.builder.na'), type: 'checkbox',
          value: Boolean(q.naAllowed), hint: t('quality.builder.na.hint') }),
        critical));
  }

  /** Up, down and remove buttons of item n (1-based) of count, named for screen readers. */
  moves(kind, n, count, onMove, onRemove) {
    const i = n - 1;
    return el('div', { class: 'qb-moves' },
      el('button', { type: 'button', class: 'button button--small', 'data-move': 'up', disabled: i === 0,
        'aria-label': t(`quality.builder.${kind}.up`, { n }), onclick: () => onMove(i - 1) }, t('quality.builder.up')),
      el('button', { type: 'button', class: 'button button--small', 'data-move': 'down', disabled: i === count - 1,
        'aria-label': t(`quality.builder.${kind}.down`, { n }), onclick: () => onMove(i + 1) },
      t('quality.builder.down')),
      el('button', { type: 'button', class: 'button button--small', 'data-action': 'remove',
        'aria-label': t(`quality.builder.${kind}.remove`, { n }), onclick: onRemove }, t('quality.builder.remove')));
  }

  /**
   * Shows the server's refusal under the field its path names; an id the admin never sees is shown at the name,
   * title or text it was made from, and a path with no field of its own (sections[0].questions: none left) at the
   * nearest box. False when nothing on the builder fits.
   */
  showProblem(path, message) {
    this.clearProblems();
    if (!path) return false;
    const shown = path === 'id' ? 'name' : path.replace(/^(sections\[\d+\])\.id$/, '$1.title')
      .replace(/(questions\[\d+\])\.id$/, '$1.text');
    let target = null;
    for (let p = shown; p && !target;) {
      target = this.container.querySelector(`[data-path="${CSS.escape(p)}"], [data-path-box="${CSS.escape(p)}"]`);
      const parent = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      p = parent === p ? '' : parent;
    }
    if (!target) return false;
    const note = el('p', { class: 'field__error qb-problem', id: 'qb-problem', role: 'alert' }, message);
    if (target.dataset.path) {
      target.setAttribute('aria-invalid', 'true');
      target.setAttribute('aria-describedby', `${target.getAttribute('aria-describedby') ?? ''} qb-problem`.trim());
      (target.closest('.field') ?? target).append(note);
      target.focus();
    } else {
      target.append(note);
      target.querySelector('button, input')?.focus();
    }
    return true;
  }

  clearProblems() {
    for (const old of this.container.querySelectorAll('.qb-problem')) old.remove();
    for (const input of this.container.querySelectorAll('[aria-invalid]')) {
      input.removeAttribute('aria-invalid');
      const rest = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== 'qb-problem');
      if (rest.length) input.setAttribute('aria-describedby', rest.join(' '));
      else input.removeAttribute('aria-describedby');
    }
  }
}

/** Where the focus goes after a move: the same button on the moved item, or its other one at the end of the list. */
function movedFocus(toolbar, up) {
  const [same, other] = up ? ['up', 'down'] : ['down', 'up'];
  return [`${toolbar} [data-move=${same}]:not(:disabled)`, `${toolbar} [data-move=${other}]:not(:disabled)`];
}

function move(list, from, to) {
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item);
}

/** A field's value as the API wants it: numbers as numbers (a non-number is sent as typed, for the server to name). */
function readField(input) {
  if (input.type === 'checkbox') return input.checked;
  const text = input.value.trim();
  if (input.type === 'number') {
    if (text === '') return undefined;
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return text === '' ? undefined : text;
}
