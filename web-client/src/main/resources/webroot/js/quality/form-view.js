// An evaluation form as radio groups, one fieldset per question: yes / no (/ not applicable), or marks 1..max
// (/ not applicable). Reads the answers back as the API wants them ({questionId: "yes"|"no"|"na"|mark}) and points
// at the question a 422 names (answers.<id>).

import { t } from '../i18n.js';

export function renderForm(container, form) {
  const nodes = [];
  for (const section of form.sections) {
    const box = document.createElement('fieldset');
    box.className = 'quality-section';
    const legend = document.createElement('legend');
    legend.textContent = section.title;
    box.append(legend);
    for (const q of section.questions) box.append(question(q));
    nodes.push(box);
  }
  container.replaceChildren(...nodes);
}

function question(q) {
  const set = document.createElement('fieldset');
  set.className = 'quality-question';
  set.dataset.question = q.id;
  const legend = document.createElement('legend');
  legend.textContent = q.text;
  const meta = document.createElement('span');
  meta.className = 'quality-question__meta';
  meta.textContent = ` ${t('quality.weight', { weight: q.weight })}`;
  legend.append(meta);
  if (q.critical) {
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.dataset.tone = 'error';
    badge.textContent = t('quality.critical');
    legend.append(' ', badge);
  }
  const choices = document.createElement('div');
  choices.className = 'segmented';
  choices.setAttribute('role', 'radiogroup');
  choices.setAttribute('aria-label', q.text);
  const options = q.type === 'scale'
    ? Array.from({ length: q.scaleMax }, (_, i) => [String(i + 1), String(i + 1)])
    : [['yes', t('quality.yes')], ['no', t('quality.no')]];
  if (q.naAllowed) options.push(['na', t('quality.na')]);
  for (const [value, label] of options) {
    const wrap = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = `q-${q.id}`;
    input.value = value;
    const span = document.createElement('span');
    span.textContent = label;
    wrap.append(input, ' ', span);
    choices.append(wrap);
  }
  const error = document.createElement('p');
  error.className = 'field__error';
  error.hidden = true;
  set.append(legend, choices, error);
  return set;
}

/** The answers given so far: unanswered questions are left out (the server names the first one missing). */
export function readAnswers(container, form) {
  const answers = {};
  for (const q of form.sections.flatMap((s) => s.questions)) {
    const checked = container.querySelector(`input[name="q-${CSS.escape(q.id)}"]:checked`);
    if (!checked) continue;
    answers[q.id] = q.type === 'scale' && checked.value !== 'na' ? Number(checked.value) : checked.value;
  }
  return answers;
}

/** Shows the server's refusal at the question it names; false when it names no question. */
export function showFieldError(container, field, message) {
  for (const box of container.querySelectorAll('.quality-question')) {
    box.removeAttribute('aria-invalid');
    box.querySelector('.field__error').hidden = true;
  }
  if (!field || !field.startsWith('answers.')) return false;
  const box = container.querySelector(`[data-question="${CSS.escape(field.slice('answers.'.length))}"]`);
  if (!box) return false;
  box.setAttribute('aria-invalid', 'true');
  const error = box.querySelector('.field__error');
  error.textContent = message;
  error.hidden = false;
  box.querySelector('input')?.focus();
  return true;
}
