// Agents' routing profiles: skills with proficiency 1..5, the queues they serve (with a weight), their group. The
// document's id is the agent's account id (Users and roles makes the account).

import { documents } from './documents.js';
import { el, field, group } from './fields.js';

const LEVELS = [1, 2, 3, 4, 5];

function memberships(ctx, id) {
  const list = ctx.get(`agent/${id}/queues`);
  const out = new Map();
  for (const m of Array.isArray(list) ? list : []) {
    if (typeof m === 'string') out.set(m, 1);
    else if (m && typeof m === 'object') out.set(m.queue, m.weight ?? 1);
  }
  return out;
}

function writeMemberships(ctx, id, map) {
  const list = [...map.entries()].map(([queue, weight]) => (weight === 1 ? queue : { queue, weight }));
  ctx.update(`agent/${id}/queues`, list.length ? list : undefined);
}

function skillsEditor(ctx, id) {
  const { t } = ctx;
  const path = `agent/${id}/skills`;
  ctx.label(path, t('console.agent.skills'));
  const skills = ctx.get(path) ?? {};
  const rows = el('div', { class: 'console-items', id: 'skills', 'data-path': path, tabindex: '-1' });
  for (const [name, level] of Object.entries(skills)) {
    const nameInput = el('input', {
      type: 'text', value: name, 'aria-label': t('console.agent.skillName'), spellcheck: 'false',
      dataset: { path: `${path}/${name}`, skill: name },
    });
    nameInput.addEventListener('change', () => {
      const renamed = nameInput.value.trim();
      const all = { ...(ctx.get(path) ?? {}) };
      const value = all[name];
      delete all[name];
      if (renamed) all[renamed] = value;
      ctx.update(path, Object.keys(all).length ? all : undefined);
      ctx.rerender();
    });
    const levelSelect = el('select', { 'aria-label': t('console.agent.proficiency', { skill: name }),
      dataset: { level: name } }, ...LEVELS.map((n) => el('option', { value: n, selected: n === level },
      t('console.agent.level', { level: n }))));
    levelSelect.addEventListener('change', () => ctx.update(`${path}/${name}`, Number(levelSelect.value)));
    const remove = el('button', { type: 'button', class: 'button button--small',
      'aria-label': t('console.removeNamed', { name }) }, t('console.remove'));
    remove.addEventListener('click', () => {
      ctx.update(`${path}/${name}`, undefined);
      if (Object.keys(ctx.get(path) ?? {}).length === 0) ctx.update(path, undefined);
      ctx.rerender();
    });
    rows.append(el('div', { class: 'console-item' }, nameInput, levelSelect, remove));
  }
  const newName = el('input', { type: 'text', id: 'new-skill', spellcheck: 'false', autocomplete: 'off' });
  const newLevel = el('select', { id: 'new-skill-level', 'aria-label': t('console.agent.newLevel') },
    ...LEVELS.map((n) => el('option', { value: n, selected: n === 3 }, t('console.agent.level', { level: n }))));
  const add = el('button', { type: 'button', class: 'button button--small', id: 'add-skill' }, t('console.agent.addSkill'));
  add.addEventListener('click', () => {
    const name = newName.value.trim();
    if (!name) {
      newName.focus();
      return;
    }
    ctx.update(`${path}/${name}`, Number(newLevel.value));
    ctx.rerender();
  });
  return group(t('console.agent.skills'), el('p', { class: 'hint' }, t('console.agent.skillsHint')), rows,
    el('div', { class: 'console-item' },
      el('div', { class: 'field' }, el('label', { for: 'new-skill' }, t('console.agent.skillName')), newName),
      newLevel, add));
}

function queuesEditor(ctx, id) {
  const { t } = ctx;
  const path = `agent/${id}/queues`;
  ctx.label(path, t('console.agent.queues'));
  const current = memberships(ctx, id);
  const queues = ctx.draft.ids('queue');
  const box = el('div', { class: 'console-items', 'data-path': path, tabindex: '-1' });
  if (queues.length === 0) box.append(el('p', { class: 'hint' }, t('console.agent.noQueues')));
  for (const q of queues) {
    const check = el('input', { type: 'checkbox', id: `serve-${q}`, checked: current.has(q), dataset: { queue: q } });
    const weight = el('input', { type: 'number', min: 1, max: 100, step: 1, value: current.get(q) ?? 1,
      'aria-label': t('console.agent.weightIn', { queue: q }), disabled: !current.has(q), dataset: { weight: q } });
    check.addEventListener('change', () => {
      const map = memberships(ctx, id);
      if (check.checked) map.set(q, Number(weight.value) || 1);
      else map.delete(q);
      weight.disabled = !check.checked;
      writeMemberships(ctx, id, map);
    });
    weight.addEventListener('change', () => {
      const map = memberships(ctx, id);
      if (map.has(q)) map.set(q, Number(weight.value));
      writeMemberships(ctx, id, map);
    });
    box.append(el('div', { class: 'console-item' },
      el('label', { class: 'check', for: check.id }, check, ' ', ctx.get(`queue/${q}/name`) ?? q), weight));
  }
  return group(t('console.agent.queues'), el('p', { class: 'hint' }, t('console.agent.queuesHint')), box);
}

/** The customers this agent is the personal manager of (set on each customer's card in the CRM). */
async function customersOf(ctx, id) {
  const { t } = ctx;
  let items = [];
  try {
    items = (await ctx.api(`/api/customers?personalManager=${encodeURIComponent(id)}&limit=50`)).items ?? [];
  } catch {
    return null;
  }
  const list = items.length
    ? el('ul', { id: 'managed-customers' }, ...items.map((c) => el('li', {}, el('a', {
      href: `customer.html?id=${encodeURIComponent(c.id)}`, 'data-keep-lang': true,
    }, c.name ?? c.id), ` ${(c.numbers ?? []).join(', ')}`)))
    : el('p', { class: 'hint', id: 'managed-customers' }, t('console.agent.noCustomers'));
  return group(t('console.agent.customers'), el('p', { class: 'hint' }, t('console.agent.customersHint')), list);
}

async function form(body, ctx, id) {
  const { t } = ctx;
  ctx.label(`agent/${id}/name`, t('console.queue.name'));
  ctx.label(`agent/${id}/group`, t('console.agent.group'));
  body.append(
    group(t('console.agent.general'),
      field(ctx, { path: `agent/${id}/name`, label: t('console.agent.name') }),
      field(ctx, { path: `agent/${id}/group`, label: t('console.agent.group'), type: 'select',
        options: [['', t('console.agent.noGroup')], ...ctx.draft.ids('group').map((g) => [g, ctx.get(`group/${g}/name`) ?? g])] })),
    skillsEditor(ctx, id),
    queuesEditor(ctx, id));
  const managed = await customersOf(ctx, id);
  if (managed) body.append(managed);
}

export default {
  id: 'agents',
  titleKey: 'console.section.agents',
  render(container, ctx) {
    return documents(container, ctx, {
      kind: 'agent', section: 'agents', form,
      template: (id) => ({ name: id }),
      summary: (doc) => Object.entries(doc?.skills ?? {}).map(([s, l]) => `${s} ${l}`).join(', ') || (doc?.name ?? ''),
    });
  },
};
