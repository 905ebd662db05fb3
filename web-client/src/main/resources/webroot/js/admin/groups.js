// Groups of agents and their supervisors (the first supervisor is the one the personal-manager cascade rings).

import { documents } from './documents.js';
import { el, field, group } from './fields.js';

function checklist(ctx, path, ids, label, describe) {
  ctx.label(path, label);
  const chosen = new Set(ctx.get(path) ?? []);
  const box = el('div', { class: 'console-items', 'data-path': path, tabindex: '-1' });
  if (ids.length === 0) box.append(el('p', { class: 'hint' }, ctx.t('admin.none')));
  for (const id of ids) {
    const check = el('input', { type: 'checkbox', id: `${path.replace(/\W+/g, '-')}-${id}`, checked: chosen.has(id),
      dataset: { member: id } });
    check.addEventListener('change', () => {
      const now = (ctx.get(path) ?? []).filter((x) => x !== id);
      if (check.checked) now.push(id);
      ctx.update(path, now.length ? now : undefined);
    });
    box.append(el('label', { class: 'check', for: check.id }, check, ' ', describe(id)));
  }
  return box;
}

/** Accounts with the supervisor role (admins may list accounts; supervisors reading the page type ids instead). */
async function supervisors(ctx) {
  if (!ctx.canEdit) return null;
  try {
    const users = (await ctx.api('/api/users')).items ?? [];
    return users.filter((u) => (u.roles ?? []).includes('supervisor'));
  } catch {
    return null;
  }
}

async function form(body, ctx, id) {
  const { t } = ctx;
  ctx.label(`group/${id}/name`, t('console.queue.name'));
  const agents = ctx.draft.ids('agent');
  const people = await supervisors(ctx);
  const chosen = ctx.get(`group/${id}/supervisors`) ?? [];
  const supervisorIds = people ? [...new Set([...people.map((u) => u.id), ...chosen])] : null;
  body.append(
    group(t('console.agent.general'), field(ctx, { path: `group/${id}/name`, label: t('console.queue.name') })),
    group(t('console.group.members'), el('p', { class: 'hint' }, t('console.group.membersHint')),
      checklist(ctx, `group/${id}/members`, agents, t('console.group.members'),
        (a) => ctx.get(`agent/${a}/name`) ? `${ctx.get(`agent/${a}/name`)} (${a})` : a)),
    group(t('console.group.supervisors'), el('p', { class: 'hint' }, t('console.group.supervisorsHint')),
      supervisorIds
        ? checklist(ctx, `group/${id}/supervisors`, supervisorIds, t('console.group.supervisors'), (s) => {
          const user = people.find((u) => u.id === s);
          return user ? `${user.name ?? user.username} (${user.username})` : s;
        })
        : field(ctx, { path: `group/${id}/supervisors`, label: t('console.group.supervisorIds'), type: 'lines',
          rows: 3 })));
}

export default {
  id: 'groups',
  titleKey: 'console.section.groups',
  render(container, ctx) {
    return documents(container, ctx, {
      kind: 'group', section: 'groups', form,
      template: (id) => ({ name: id }),
      summary: (doc) => ctx.t('console.group.summary', { members: (doc?.members ?? []).length,
        supervisors: (doc?.supervisors ?? []).join(', ') || '—' }),
    });
  },
};
