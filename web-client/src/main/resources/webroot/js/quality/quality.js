// The quality page: a supervisor picks a recorded call (filtered by agent, queue and dates), listens with the
// waveform player and the call's timeline as seek points, and scores it with an evaluation form; admins also edit
// the forms here. Every string from the server is set as text, never as markup.

import { initI18n, language, onLanguageChange, t } from '../i18n.js';
import { call, clock, hasRole, signIn, token } from './session.js';
import { RecordingPlayer } from './player.js';
import { readAnswers, renderForm, showFieldError } from './form-view.js';
import { FormsEditor } from './forms-admin.js';

const el = {
  content: document.getElementById('content'),
  filters: document.getElementById('call-filters'),
  agent: document.getElementById('agent'),
  queue: document.getElementById('queue'),
  from: document.getElementById('from'),
  to: document.getElementById('to'),
  callsStatus: document.getElementById('calls-status'),
  calls: document.querySelector('#calls tbody'),
  callsEmpty: document.getElementById('calls-empty'),
  evaluate: document.getElementById('evaluate'),
  heading: document.getElementById('evaluate-heading'),
  events: document.getElementById('events'),
  formChoice: document.getElementById('form-choice'),
  questions: document.getElementById('questions'),
  evaluation: document.getElementById('evaluation'),
  comment: document.getElementById('comment'),
  status: document.getElementById('evaluation-status'),
};
let player = null;
let forms = [];
let current = null; // {call, form}

function show(target, message, tone) {
  target.hidden = !message;
  target.textContent = message || '';
  if (tone) target.dataset.tone = tone;
}

function percent(value) {
  return new Intl.NumberFormat(language(), { maximumFractionDigits: 1 }).format(value);
}

function when(iso) {
  return iso ? new Intl.DateTimeFormat(language(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso))
    : '—';
}

async function findCalls() {
  const p = new URLSearchParams({ outcome: 'answered', limit: '100' });
  if (el.agent.value.trim()) p.set('agent', el.agent.value.trim());
  if (el.queue.value.trim()) p.set('queue', el.queue.value.trim());
  if (el.from.value) p.set('from', el.from.value);
  if (el.to.value) p.set('to', el.to.value);
  show(el.callsStatus, t('quality.loading'), 'info');
  try {
    const page = await call(`/api/calls?${p}`);
    const recorded = page.items.filter((c) => c.recording && c.recording.url);
    el.calls.replaceChildren(...recorded.map(row));
    el.callsEmpty.hidden = recorded.length > 0;
    show(el.callsStatus, '');
  } catch (e) {
    show(el.callsStatus, t('quality.failed', { message: e.message }), 'error');
  }
}

function row(c) {
  const tr = document.createElement('tr');
  const cell = (text, header) => {
    const td = document.createElement(header ? 'th' : 'td');
    if (header) td.scope = 'row';
    td.textContent = text;
    return td;
  };
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button--small';
  button.textContent = t('quality.evaluate');
  button.setAttribute('aria-label', t('quality.evaluateCall', { when: when(c.arrivedAt), agent: c.agent?.name ?? '' }));
  button.dataset.callId = c.id;
  button.addEventListener('click', () => open(c.id));
  const action = document.createElement('td');
  action.append(button);
  const caller = cell(c.from ?? '—');
  caller.dir = 'ltr';
  tr.append(cell(when(c.arrivedAt), true), cell(c.agent?.name ?? '—'), cell(c.queue?.name ?? c.queue?.id ?? '—'),
    caller, cell(clock((c.recording.durationMillis ?? 0) / 1000)), action);
  return tr;
}

/** Opens a call for scoring: its details (timeline), its WAV, and the form. */
async function open(callId) {
  show(el.status, '');
  const detail = await call(`/api/calls/${encodeURIComponent(callId)}`);
  const response = await fetch(detail.recording.url, { headers: { Authorization: `Bearer ${token()}` },
    cache: 'no-store' });
  if (!response.ok) {
    show(el.status, t('quality.failed', { message: `HTTP ${response.status}` }), 'error');
    return;
  }
  current = { call: detail, form: current?.form ?? null };
  el.evaluate.hidden = false;
  el.heading.textContent = t('quality.evaluating', { when: when(detail.arrivedAt), agent: detail.agent?.name ?? '',
    queue: detail.queue?.name ?? '' });
  const marks = markers(detail);
  renderEvents(marks);
  if (!player) {
    const wave = document.getElementById('waveform');
    player = new RecordingPlayer({ wave, play: document.getElementById('play'),
      position: document.getElementById('position') });
    wave.player = player; // for the browser console and the end-to-end test, which listens to each channel
  }
  // Events a second apart or less share one label on the waveform (the list below names each).
  let labelled = -Infinity;
  const onWave = marks.filter((m) => m.inRecording).map((m) => {
    const label = m.time - labelled > 1 ? m.label : '';
    if (label) labelled = m.time;
    return { ...m, label };
  });
  player.load(await response.blob(), onWave);
  chooseForm(el.formChoice.value);
  el.heading.focus();
}

/** Timeline events as offsets into the recording, which starts when the call is answered. */
function markers(detail) {
  const start = Date.parse(detail.answeredAt ?? detail.arrivedAt);
  const length = (detail.recording.durationMillis ?? 0) / 1000;
  return (detail.timeline ?? []).map((e) => {
    const offset = (Date.parse(e.at) - start) / 1000;
    return {
      event: e.event,
      label: t(`quality.event.${e.event}`) === `quality.event.${e.event}` ? e.event : t(`quality.event.${e.event}`),
      time: Math.min(Math.max(offset, 0), length),
      inRecording: offset >= -0.5,
      colour: e.event === 'answered' || e.event === 'ended' ? '#2457d6' : '#9a6700',
    };
  });
}

function renderEvents(marks) {
  el.events.replaceChildren(...marks.map((m) => {
    const li = document.createElement('li');
    if (m.inRecording) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button--small quality-events__seek';
      button.dataset.event = m.event;
      button.dataset.seconds = m.time.toFixed(2);
      button.textContent = `${clock(m.time)} ${m.label}`;
      button.addEventListener('click', () => player.seek(m.time));
      li.append(button);
    } else {
      li.className = 'hint';
      li.textContent = `${m.label} (${t('quality.beforeAnswer')})`;
    }
    return li;
  }));
}

async function loadForms(selected) {
  forms = (await call('/api/quality/forms')).items;
  el.formChoice.replaceChildren(...forms.map((f) => {
    const option = document.createElement('option');
    option.value = f.id;
    option.textContent = t('quality.formVersion', { name: f.name, version: f.version });
    return option;
  }));
  if (selected && forms.some((f) => f.id === selected)) el.formChoice.value = selected;
  if (current) chooseForm(el.formChoice.value);
  return forms;
}

function chooseForm(id) {
  const form = forms.find((f) => f.id === id);
  if (!current) return;
  current.form = form ?? null;
  if (form) renderForm(el.questions, form);
  else el.questions.replaceChildren();
}

async function save(event) {
  event.preventDefault();
  if (!current?.form) {
    show(el.status, t('quality.noForm'), 'error');
    return;
  }
  const body = { callId: current.call.id, formId: current.form.id, formVersion: current.form.version,
    answers: readAnswers(el.questions, current.form), comment: el.comment.value };
  try {
    const saved = await call('/api/quality/evaluations', { method: 'POST', body });
    showFieldError(el.questions, null);
    const score = saved.score === null ? '—' : `${percent(saved.score)} %`;
    show(el.status, saved.criticalFailed.length ? t('quality.savedCritical', { score, raw: percent(saved.rawScore) })
      : t('quality.saved', { score }), saved.criticalFailed.length ? 'error' : 'ok');
    el.status.dataset.score = saved.score ?? '';
    el.status.dataset.evaluationId = saved.id;
  } catch (e) {
    const field = e.status === 422 ? e.message.split(':')[0] : null;
    showFieldError(el.questions, field, e.message);
    show(el.status, t('quality.failed', { message: e.message }), 'error');
  }
}

document.getElementById('back').addEventListener('click', () => player?.seek(Math.max(0, player.currentTime() - 5)));
document.getElementById('forward').addEventListener('click', () => player?.seek(player.currentTime() + 5));
el.filters.addEventListener('submit', (event) => {
  event.preventDefault();
  findCalls();
});
el.formChoice.addEventListener('change', () => chooseForm(el.formChoice.value));
el.evaluation.addEventListener('submit', save);
for (const radio of document.querySelectorAll('input[name="channel"]')) {
  radio.addEventListener('change', () => player?.setChannel(radio.value));
}

await initI18n();
onLanguageChange(() => {
  if (current?.form) renderForm(el.questions, current.form);
});
await signIn();
el.content.hidden = false;
await loadForms();
if (hasRole('admin')) new FormsEditor(() => loadForms(el.formChoice.value)).start(forms);
const wanted = new URLSearchParams(location.search).get('call');
await findCalls();
if (wanted) open(wanted);
