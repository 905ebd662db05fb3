// Schedules: opening hours per weekday (up to two ranges a day), holidays, the time zone, and a calendar of the next
// 14 days as callers will find the line (open hours, closed, holiday). Flows' hours steps name a schedule.

import { documents } from './documents.js';
import { el, field, group } from './fields.js';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MAX_RANGES = 2;

/** The week as {mon: ["09:00-18:00"], ...}, range keys ("mon-fri") spread over their days. */
export function weekByDay(week) {
  const out = Object.fromEntries(DAYS.map((d) => [d, []]));
  for (const [key, value] of Object.entries(week ?? {})) {
    const [from, to = from] = key.toLowerCase().split('-');
    const a = DAYS.indexOf(from);
    const b = DAYS.indexOf(to);
    if (a < 0 || b < a) continue;
    const ranges = Array.isArray(value) ? value : [value];
    for (let i = a; i <= b; i += 1) out[DAYS[i]].push(...ranges.map(String));
  }
  return out;
}

function writeWeek(ctx, id, byDay) {
  const week = {};
  for (const d of DAYS) if (byDay[d].length) week[d] = byDay[d].length === 1 ? byDay[d][0] : byDay[d];
  ctx.update(`schedule/${id}/week`, week);
}

function holidaysOf(ctx, id) {
  return (ctx.get(`schedule/${id}/holidays`) ?? []).map((h) => (typeof h === 'string' ? { date: h } : { ...h }));
}

function weekEditor(ctx, id) {
  const { t } = ctx;
  const byDay = weekByDay(ctx.get(`schedule/${id}/week`));
  const rows = DAYS.map((day) => {
    ctx.label(`schedule/${id}/week/${day}`, `${t('console.schedule.week')} › ${t(`console.day.${day}`)}`);
    const ranges = byDay[day];
    const open = el('input', { type: 'checkbox', id: `open-${day}`, checked: ranges.length > 0, dataset: { day } });
    const cells = [];
    for (let i = 0; i < MAX_RANGES; i += 1) {
      const [from = '', to = ''] = (ranges[i] ?? '').split('-');
      const fromInput = el('input', { type: 'time', value: from, 'aria-label': t('console.schedule.from', { day: t(`console.day.${day}`), n: i + 1 }),
        disabled: ranges.length === 0 || (i > 0 && !ranges[i]), dataset: { day, range: i, end: 'from', path: `schedule/${id}/week/${day}/${i}` } });
      const toInput = el('input', { type: 'time', value: to, 'aria-label': t('console.schedule.to', { day: t(`console.day.${day}`), n: i + 1 }),
        disabled: ranges.length === 0 || (i > 0 && !ranges[i]), dataset: { day, range: i, end: 'to' } });
      const change = () => {
        const now = weekByDay(ctx.get(`schedule/${id}/week`));
        if (fromInput.value && toInput.value) now[day][i] = `${fromInput.value}-${toInput.value}`;
        else now[day].splice(i, 1);
        now[day] = now[day].filter(Boolean);
        writeWeek(ctx, id, now);
        calendarRefresh();
      };
      fromInput.addEventListener('change', change);
      toInput.addEventListener('change', change);
      cells.push(el('span', { class: 'console-range' }, fromInput, '–', toInput));
    }
    const second = el('button', { type: 'button', class: 'button button--small', hidden: ranges.length !== 1,
      dataset: { split: day } }, t('console.schedule.addBreak'));
    second.addEventListener('click', () => {
      const now = weekByDay(ctx.get(`schedule/${id}/week`));
      const [from, to] = (now[day][0] ?? '09:00-18:00').split('-');
      now[day] = [`${from}-13:00`, `14:00-${to}`];
      writeWeek(ctx, id, now);
      ctx.rerender();
    });
    open.addEventListener('change', () => {
      const now = weekByDay(ctx.get(`schedule/${id}/week`));
      now[day] = open.checked ? ['09:00-18:00'] : [];
      writeWeek(ctx, id, now);
      ctx.rerender();
    });
    return el('div', { class: 'console-day', 'data-path': `schedule/${id}/week/${day}` },
      el('label', { class: 'check', for: open.id }, open, ' ', t(`console.day.${day}`)), ...cells, second);
  });
  ctx.label(`schedule/${id}/week`, t('console.schedule.week'));
  return group(t('console.schedule.week'), el('div', { class: 'console-items', 'data-path': `schedule/${id}/week` },
    ...rows));
}

function holidaysEditor(ctx, id) {
  const { t } = ctx;
  const path = `schedule/${id}/holidays`;
  ctx.label(path, t('console.schedule.holidays'));
  const list = holidaysOf(ctx, id);
  const write = (items) => ctx.update(path, items.length ? items.map((h) => (h.name ? h : { date: h.date })) : undefined);
  const rows = list.map((h, i) => {
    ctx.label(`${path}/${i}/date`, t('console.schedule.holidayN', { n: i + 1 }));
    ctx.label(`${path}/${i}/name`, `${t('console.schedule.holidayN', { n: i + 1 })} › ${t('console.schedule.holidayName')}`);
    const date = el('input', { type: 'date', value: h.date ?? '', 'aria-label': t('console.schedule.holidayDate'),
      dataset: { path: `${path}/${i}/date` } });
    const name = el('input', { type: 'text', value: h.name ?? '', 'aria-label': t('console.schedule.holidayName') });
    const update = () => {
      const now = holidaysOf(ctx, id);
      now[i] = { date: date.value, ...(name.value.trim() ? { name: name.value.trim() } : {}) };
      write(now);
      calendarRefresh();
    };
    date.addEventListener('change', update);
    name.addEventListener('change', update);
    const remove = el('button', { type: 'button', class: 'button button--small' }, t('console.remove'));
    remove.addEventListener('click', () => {
      const now = holidaysOf(ctx, id);
      now.splice(i, 1);
      write(now);
      ctx.rerender();
    });
    return el('div', { class: 'console-item' }, date, name, remove);
  });
  const newDate = el('input', { type: 'date', id: 'new-holiday-date' });
  const newName = el('input', { type: 'text', id: 'new-holiday-name', autocomplete: 'off' });
  const add = el('button', { type: 'button', class: 'button button--small', id: 'add-holiday' }, t('console.schedule.addHoliday'));
  add.addEventListener('click', () => {
    if (!newDate.value) {
      newDate.focus();
      return;
    }
    write([...holidaysOf(ctx, id), { date: newDate.value, ...(newName.value.trim() ? { name: newName.value.trim() } : {}) }]);
    ctx.rerender();
  });
  return group(t('console.schedule.holidays'), el('div', { class: 'console-items', 'data-path': path }, ...rows),
    el('div', { class: 'console-item' },
      el('div', { class: 'field' }, el('label', { for: newDate.id }, t('console.schedule.holidayDate')), newDate),
      el('div', { class: 'field' }, el('label', { for: newName.id }, t('console.schedule.holidayName')), newName), add));
}

/** The next days in the schedule's zone: [{date, weekday, status: open|closed|holiday, hours, holiday}]. */
export function nextDays(schedule, count = 14, now = new Date()) {
  let zone = schedule?.zone || 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const byDay = weekByDay(schedule?.week);
  const holidays = new Map((schedule?.holidays ?? []).map((h) => (typeof h === 'string' ? [h, ''] : [h.date, h.name ?? ''])));
  const out = [];
  // Noon of each local day: one day apart whatever the DST changes.
  const start = new Date(`${ymd.format(now)}T12:00:00Z`);
  for (let i = 0; i < count; i += 1) {
    const day = new Date(start.getTime() + i * 86400000);
    const date = day.toISOString().slice(0, 10);
    const weekday = DAYS[(day.getUTCDay() + 6) % 7];
    const hours = byDay[weekday];
    const status = holidays.has(date) ? 'holiday' : hours.length ? 'open' : 'closed';
    out.push({ date, weekday, status, hours, holiday: holidays.get(date) ?? '' });
  }
  return out;
}

let calendarRefresh = () => {};

function calendar(ctx, id) {
  const { t } = ctx;
  const list = el('ol', { class: 'console-calendar', id: 'calendar', 'aria-label': t('console.schedule.preview') });
  const draw = () => {
    const days = nextDays(ctx.get(`schedule/${id}`));
    const format = new Intl.DateTimeFormat(ctx.lang, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    list.replaceChildren(...days.map((d) => el('li', { dataset: { date: d.date, status: d.status } },
      el('strong', {}, `${t(`console.day.${d.weekday}`)} ${format.format(new Date(`${d.date}T12:00:00Z`))}`),
      el('span', {}, d.status === 'holiday' ? `${t('console.schedule.holiday')}${d.holiday ? `: ${d.holiday}` : ''}`
        : d.status === 'open' ? d.hours.join(', ') : t('console.schedule.closed')))));
  };
  calendarRefresh = draw;
  draw();
  return group(t('console.schedule.preview'), el('p', { class: 'hint' }, t('console.schedule.previewHint')), list);
}

function zones() {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/Kyiv', 'Europe/Berlin', 'Europe/London'];
  }
}

function form(body, ctx, id) {
  const { t } = ctx;
  ctx.label(`schedule/${id}/name`, t('console.queue.name'));
  ctx.label(`schedule/${id}/zone`, t('console.schedule.zone'));
  const zoneField = field(ctx, { path: `schedule/${id}/zone`, label: t('console.schedule.zone'),
    hint: t('console.schedule.zoneHint'), onChange: (v) => {
      ctx.update(`schedule/${id}/zone`, v);
      calendarRefresh();
    } });
  const input = zoneField.querySelector('input');
  input.setAttribute('list', 'time-zones');
  zoneField.append(el('datalist', { id: 'time-zones' }, ...zones().map((z) => el('option', { value: z }))));
  body.append(
    group(t('console.agent.general'), field(ctx, { path: `schedule/${id}/name`, label: t('console.queue.name') }),
      zoneField),
    weekEditor(ctx, id),
    holidaysEditor(ctx, id),
    calendar(ctx, id));
}

export default {
  id: 'schedules',
  titleKey: 'console.section.schedules',
  render(container, ctx) {
    return documents(container, ctx, {
      kind: 'schedule', section: 'schedules', form,
      template: (id) => ({
        name: id, zone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
        week: { mon: '09:00-18:00', tue: '09:00-18:00', wed: '09:00-18:00', thu: '09:00-18:00', fri: '09:00-18:00' },
      }),
      summary: (doc) => [doc?.name, doc?.zone].filter(Boolean).join(' · '),
    });
  },
};
