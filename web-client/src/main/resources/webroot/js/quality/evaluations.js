// Evaluations: an agent sees the evaluations of their own calls and answers each once, acknowledging it or
// disputing it with a comment; supervisors see everyone's (their groups') with the agents' answers, e.g. the
// disputed ones. Every string from the server is set as text, never as markup.

import { initI18n, language, onLanguageChange, t } from '../i18n.js';
import { account, call, hasRole, signIn } from './session.js';

const el = {
  content: document.getElementById('content'),
  filters: document.getElementById('evaluation-filters'),
  agentField: document.getElementById('agent-field'),
  agent: document.getElementById('agent'),
  statusFilter: document.getElementById('status-filter'),
  status: document.getElementById('status'),
  list: document.getElementById('evaluations'),
  none: document.getElementById('none'),
};
let items = [];

function show(message, tone) {
  el.status.hidden = !message;
  el.status.textContent = message || '';
  if (tone) el.status.dataset.tone = tone;
}

function percent(value) {
  return new Intl.NumberFormat(language(), { maximumFractionDigits: 1 }).format(value);
}

function when(iso) {
  return iso ? new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
    : '—';
}

function text(tag, content, className) {
  const node = document.createElement(tag);
  node.textContent = content;
  if (className) node.className = className;
  return node;
}

async function load() {
  const p = new URLSearchParams();
  if (el.statusFilter.value) p.set('status', el.statusFilter.value);
  if (!el.agentField.hidden && el.agent.value.trim()) p.set('agent', el.agent.value.trim());
  try {
    items = (await call(`/api/quality/evaluations?${p}`)).items;
    render();
    show('');
  } catch (e) {
    show(t('quality.failed', { message: e.message }), 'error');
  }
}

function render() {
  el.list.replaceChildren(...items.map(card));
  el.none.hidden = items.length > 0;
}

function answerText(q, value) {
  if (value === 'na') return t('quality.na');
  if (value === 'yes') return t('quality.yes');
  if (value === 'no') return t('quality.no');
  return `${value} / ${q.scaleMax}`;
}

function card(e) {
  const li = document.createElement('li');
  li.className = 'card evaluation';
  li.dataset.evaluationId = e.id;
  li.dataset.status = e.status;
  const head = document.createElement('div');
  head.className = 'evaluation__head';
  const title = text('h2', t('evaluations.call', { when: when(e.callArrivedAt), queue: e.queue?.name ?? '' }));
  const score = text('p', e.score === null ? '—' : `${percent(e.score)} %`, 'evaluation__score');
  score.dataset.tone = e.criticalFailed.length ? 'error' : e.score >= 80 ? 'ok' : 'warn';
  const badge = text('span', t(`evaluations.status.${e.status}`), 'badge');
  badge.dataset.tone = e.status === 'disputed' ? 'error' : e.status === 'acknowledged' ? 'ok' : 'warn';
  head.append(title, score, badge);
  li.append(head);
  li.append(text('p', t('evaluations.by', { agent: e.agent?.name ?? '', evaluator: e.evaluator?.name ?? '',
    form: e.form.name, version: e.form.version, at: when(e.createdAt) }), 'hint'));
  if (e.criticalFailed.length) {
    li.append(text('p', t('evaluations.critical', { raw: percent(e.rawScore) }), 'status'));
    li.lastChild.dataset.tone = 'error';
  }
  const table = document.createElement('table');
  table.className = 'table evaluation__answers';
  const body = document.createElement('tbody');
  for (const q of e.form.sections.flatMap((s) => s.questions)) {
    const tr = document.createElement('tr');
    const th = text('th', q.text);
    th.scope = 'row';
    tr.append(th, text('td', answerText(q, e.answers[q.id])));
    body.append(tr);
  }
  table.append(body);
  li.append(table);
  if (e.comment) li.append(text('blockquote', e.comment, 'evaluation__comment'));
  if (e.response) {
    li.append(text('p', t(e.status === 'disputed' ? 'evaluations.disputedAt' : 'evaluations.acknowledgedAt',
      { at: when(e.response.at) }), 'hint'));
    if (e.response.comment) li.append(text('blockquote', e.response.comment, 'evaluation__response'));
  }
  if (e.status === 'new' && e.agent?.id === account()?.id) li.append(answerForm(e));
  return li;
}

function answerForm(e) {
  const form = document.createElement('form');
  form.className = 'evaluation__answer';
  form.noValidate = true;
  const field = document.createElement('div');
  field.className = 'field';
  const label = text('label', t('evaluations.yourComment'));
  const area = document.createElement('textarea');
  area.id = `comment-${e.id}`;
  area.rows = 2;
  area.maxLength = 2000;
  label.htmlFor = area.id;
  field.append(label, area);
  const error = text('p', '', 'field__error');
  error.hidden = true;
  const actions = document.createElement('div');
  actions.className = 'evaluation__actions';
  const ack = text('button', t('evaluations.acknowledge'), 'button button--primary');
  ack.type = 'submit';
  ack.value = 'acknowledge';
  const dispute = text('button', t('evaluations.dispute'), 'button');
  dispute.type = 'submit';
  dispute.value = 'dispute';
  actions.append(ack, dispute);
  form.append(field, error, actions);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const action = event.submitter?.value ?? 'acknowledge';
    try {
      const updated = await call(`/api/quality/evaluations/${encodeURIComponent(e.id)}/${action}`,
        { method: 'POST', body: { comment: area.value } });
      items = items.map((i) => (i.id === updated.id ? updated : i));
      render();
      show(t(action === 'dispute' ? 'evaluations.disputed' : 'evaluations.acknowledged'), 'ok');
    } catch (err) {
      error.hidden = false;
      error.textContent = err.status === 422 ? t('evaluations.commentNeeded') : err.message;
      area.setAttribute('aria-invalid', 'true');
      area.focus();
    }
  });
  return form;
}

el.filters.addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});

await initI18n();
onLanguageChange(render);
await signIn();
el.agentField.hidden = !(hasRole('supervisor') || hasRole('admin'));
const wanted = new URLSearchParams(location.search).get('status');
if (wanted && [...el.statusFilter.options].some((o) => o.value === wanted)) el.statusFilter.value = wanted;
el.content.hidden = false;
load();
