// Black, white and VIP lists of callers' numbers, with a bulk import from a CSV file (read on the server with Commons
// CSV and libphonenumber: POST /api/lists/import). Imported numbers join the draft; the admin saves them with the
// diff like any change. Flows' block-list and vip-list steps name a list.

import { documents } from './documents.js';
import { el, field, group } from './fields.js';

export const TYPES = ['block', 'white', 'vip'];
const REGIONS = ['', 'UA', 'RU', 'KZ', 'PL', 'DE', 'GB', 'US'];

async function importCsv(ctx, id, file, region, report) {
  const { t } = ctx;
  const text = await file.text();
  let answer;
  try {
    const response = await fetch(`/api/lists/import${region ? `?region=${region}` : ''}`, {
      method: 'POST', body: text, cache: 'no-store',
      headers: { Authorization: `Bearer ${ctx.token}`, 'Content-Type': 'text/csv', Accept: 'application/json' },
    });
    answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error ?? `HTTP ${response.status}`);
  } catch (e) {
    report.dataset.tone = 'error';
    report.textContent = `${t('console.list.importFailed')} ${e.message}`;
    report.hidden = false;
    return;
  }
  const before = ctx.get(`list/${id}/numbers`) ?? [];
  const merged = [...new Set([...before, ...answer.numbers])];
  ctx.update(`list/${id}/numbers`, merged);
  await ctx.rerender();
  const note = document.getElementById('import-report');
  note.hidden = false;
  note.dataset.tone = answer.rejected.length ? 'warn' : 'ok';
  note.replaceChildren(el('p', {}, t('console.list.imported', {
    added: merged.length - before.length, rows: answer.rows, rejected: answer.rejected.length,
  })), ...(answer.rejected.length ? [el('ul', {}, ...answer.rejected.map((r) => el('li', {},
    t('console.list.rejectedRow', { line: r.line, value: r.value, reason: r.reason }))))] : []));
}

function form(body, ctx, id) {
  const { t } = ctx;
  const p = (k) => `list/${id}/${k}`;
  ctx.label(p('name'), t('console.queue.name'));
  ctx.label(p('type'), t('console.list.type'));
  ctx.label(p('numbers'), t('console.list.numbers'));
  const count = (ctx.get(p('numbers')) ?? []).length;
  const file = el('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv,text/plain' });
  const region = el('select', { id: 'csv-region' }, ...REGIONS.map((r) => el('option', { value: r },
    r ? r : t('console.list.internationalOnly'))));
  const report = el('div', { class: 'status', id: 'import-report', role: 'status', hidden: true });
  const run = el('button', { type: 'button', class: 'button button--small', id: 'csv-import' }, t('console.list.import'));
  run.addEventListener('click', () => {
    if (!file.files?.length) {
      file.focus();
      return;
    }
    importCsv(ctx, id, file.files[0], region.value, report);
  });
  body.append(
    group(t('console.agent.general'),
      field(ctx, { path: p('name'), label: t('console.queue.name') }),
      field(ctx, { path: p('type'), label: t('console.list.type'), type: 'select', value: ctx.get(p('type')) ?? '',
        options: [['', '—'], ...TYPES.map((x) => [x, t(`console.list.type.${x}`)])],
        hint: t(`console.list.type.${ctx.get(p('type')) ?? 'block'}.explain`) })),
    group(t('console.list.numbers'),
      field(ctx, { path: p('numbers'), label: t('console.list.numbersCount', { count }), type: 'lines', rows: 8,
        hint: t('console.list.numbersHint') })),
    group(t('console.list.importTitle'), el('p', { class: 'hint' }, t('console.list.importHint')),
      el('div', { class: 'console-row' },
        el('div', { class: 'field' }, el('label', { for: file.id }, t('console.list.file')), file),
        el('div', { class: 'field' }, el('label', { for: region.id }, t('console.list.region')), region)),
      el('div', { class: 'admin-actions' }, run), report));
}

export default {
  id: 'lists',
  titleKey: 'console.section.lists',
  render(container, ctx) {
    return documents(container, ctx, {
      kind: 'list', section: 'lists', form,
      template: (id) => ({ name: id, type: 'block', numbers: [] }),
      summary: (doc) => `${doc?.type ? ctx.t(`console.list.type.${doc.type}`) : ''} · ${(doc?.numbers ?? []).length}`,
    });
  },
};
