// The prompt library for the IVR editor: a select of the prompts in the flow's language with a play button, and the
// upload of an own recording (any WAV, AIFF or MP3; the server converts it to 8 kHz and the next call hears it).

import { el, field } from './fields.js';

let library = null;
let playing = null;

async function load(ctx, fresh = false) {
  if (!library || fresh) library = (await ctx.api('/api/prompts')).languages ?? {};
  return library;
}

async function play(ctx, lang, id, button) {
  if (playing) {
    playing.pause();
    URL.revokeObjectURL(playing.src);
    playing = null;
  }
  button.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(`/api/prompts/${encodeURIComponent(lang)}/${encodeURIComponent(id)}`, {
      headers: { Authorization: `Bearer ${ctx.token}` }, cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    playing = new Audio(URL.createObjectURL(await response.blob()));
    await playing.play();
  } catch (e) {
    ctx.notice(`${ctx.t('console.prompt.cannotPlay')} ${e.message}`, 'error');
  } finally {
    button.removeAttribute('aria-busy');
  }
}

/** A prompt select bound to path, with a play button. */
export async function promptPicker(ctx, path, label, lang) {
  const ids = (await load(ctx).catch(() => ({})))[lang] ?? [];
  const current = ctx.get(path);
  const options = [['', ctx.t('console.ivr.none')], ...ids.map((id) => [id, id])];
  if (current && !ids.includes(current)) options.push([current, current]);
  const select = field(ctx, { path, label, type: 'select', options, value: current ?? '' });
  const button = el('button', { type: 'button', class: 'button button--small', dataset: { play: path },
    'aria-label': ctx.t('console.prompt.play', { prompt: current ?? '' }),
    onclick: () => {
      const id = select.querySelector('select').value;
      if (id) play(ctx, lang, id, button);
    } }, `▶ ${ctx.t('console.prompt.playShort')}`);
  select.append(button);
  return select;
}

/** The upload form: a file, the prompt id it becomes, its language. */
export function promptUpload(ctx, defaultLang) {
  const { t } = ctx;
  const file = el('input', { id: 'prompt-file', type: 'file', accept: 'audio/*,.wav,.mp3,.aif,.aiff' });
  const id = el('input', { id: 'prompt-id', type: 'text', autocomplete: 'off', spellcheck: 'false',
    pattern: '[a-z0-9][a-z0-9-]{0,63}', 'aria-describedby': 'prompt-id-hint' });
  const lang = el('select', { id: 'prompt-lang' }, ...['en', 'ru', 'uk'].map((l) => {
    const o = el('option', { value: l }, l);
    if (l === defaultLang) o.selected = true;
    return o;
  }));
  const status = el('p', { class: 'hint', id: 'prompt-upload-status', role: 'status' });
  const form = el('form', { class: 'console-row', id: 'prompt-upload', novalidate: true, hidden: !ctx.canEdit },
    el('div', { class: 'field' }, el('label', { for: 'prompt-file' }, t('console.prompt.file')), file),
    el('div', { class: 'field' }, el('label', { for: 'prompt-id' }, t('console.prompt.id')), id,
      el('p', { class: 'hint', id: 'prompt-id-hint' }, t('console.prompt.idHint'))),
    el('div', { class: 'field' }, el('label', { for: 'prompt-lang' }, t('console.ivr.language')), lang),
    el('button', { type: 'submit', class: 'button button--small', id: 'prompt-upload-button' }, t('console.prompt.upload')),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(id.value.trim())) {
      status.textContent = t('console.prompt.idHint');
      return;
    }
    status.textContent = t('console.prompt.uploading');
    try {
      const response = await fetch(`/api/prompts/${lang.value}/${encodeURIComponent(id.value.trim())}`, {
        method: 'PUT', headers: { Authorization: `Bearer ${ctx.token}`, 'Content-Type': chosen.type || 'audio/wav' },
        body: chosen });
      const json = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(json.error ?? `HTTP ${response.status}`);
      await load(ctx, true);
      ctx.notice(t('console.prompt.uploaded', { id: json.id, seconds: Number(json.seconds).toFixed(1) }), 'ok');
      ctx.rerender();
    } catch (e) {
      status.textContent = `${t('console.prompt.failed')} ${e.message}`;
    }
  });
  return form;
}
