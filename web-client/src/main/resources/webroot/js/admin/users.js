// Users and roles: accounts (agent, supervisor, admin), created with a first password, changed, and given a new
// password by an admin. Passwords are sent once, hashed by the server (bcrypt) and never shown or read back.

import { ApiError } from '../api.js';
import { describe } from './diff-dialog.js';
import { el, group } from './fields.js';

const ROLES = ['agent', 'supervisor', 'admin'];
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function input(id, label, attrs = {}) {
  const node = el('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
  return { node, wrapper: el('div', { class: 'field' }, el('label', { for: id }, label), node) };
}

/** The 422's problems under the fields they name (user/<id>/<field>). */
function show(ctx, container, e) {
  if (e instanceof ApiError && e.status === 422) {
    ctx.showProblems(container, e.details ?? []);
  } else {
    ctx.notice(`${ctx.t('admin.error.failed')} ${e.message}`, 'error');
  }
}

function userForm(ctx, container, users, user) {
  const { t } = ctx;
  const isNew = !user;
  const id = input('user-id', t('console.user.id'), { value: user?.id ?? '', readonly: !isNew,
    'data-path': `user/${user?.id ?? ''}/id`, 'aria-describedby': 'user-id-hint' });
  const username = input('user-username', t('agent.login.username'), { value: user?.username ?? '' });
  const name = input('user-name', t('console.user.name'), { value: user?.name ?? '' });
  const roles = el('div', { class: 'console-roles', role: 'group', 'aria-label': t('console.user.roles') },
    ...ROLES.map((r) => el('label', { class: 'check', for: `role-${r}` },
      el('input', { type: 'checkbox', id: `role-${r}`, value: r, checked: (user?.roles ?? ['agent']).includes(r) }),
      ' ', t(`console.role.${r}`))));
  const password = input('user-password', t('console.user.firstPassword'), { type: 'password', autocomplete: 'new-password' });
  const bind = (key, node) => node.setAttribute('data-path', `user/${isNew ? '' : user.id}/${key}`);
  const form = el('form', { class: 'console-form', id: 'user-form', novalidate: true },
    group(isNew ? t('console.user.new') : t('console.user.edit', { username: user.username }),
      id.wrapper, el('p', { class: 'hint', id: 'user-id-hint' }, t('console.user.idHint')),
      username.wrapper, name.wrapper,
      el('div', { class: 'field' }, el('span', { class: 'label' }, t('console.user.roles')), roles),
      isNew ? password.wrapper : null),
    el('div', { class: 'admin-actions' },
      el('button', { type: 'submit', class: 'button button--primary', id: 'user-save' }, t('admin.save'))));
  const rebind = () => {
    const key = isNew ? id.node.value.trim() : user.id;
    bind('username', username.node);
    bind('name', name.node);
    bind('roles', roles);
    bind('password', password.node);
    for (const n of [username.node, name.node, roles, password.node, id.node]) {
      n.dataset.path = n.dataset.path.replace(/^user\/[^/]*\//, `user/${key}/`);
    }
  };
  rebind();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    rebind();
    const key = isNew ? id.node.value.trim() : user.id;
    if (!ID.test(key)) {
      ctx.showProblems(container, [{ kind: 'user', id: key, path: 'id', message: t('admin.newHint') }]);
      id.node.focus();
      return;
    }
    const body = {
      username: username.node.value.trim(), name: name.node.value.trim() || undefined,
      roles: [...roles.querySelectorAll('input:checked')].map((c) => c.value),
    };
    if (isNew) body.password = password.node.value;
    const before = user ? { username: user.username, name: user.name, roles: user.roles } : {};
    const after = { username: body.username, name: body.name, roles: body.roles };
    const lines = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => `${t(`console.user.field.${k}`)}: ${describe(before[k])} → ${describe(after[k])}`);
    if (isNew) lines.push(t('console.user.passwordSet'));
    if (lines.length === 0) {
      ctx.notice(t('console.nothingToSave'), 'info');
      return;
    }
    if (!(await ctx.confirm(`${t(isNew ? 'console.user.confirmNew' : 'console.user.confirm', { id: key })}\n${lines.join('\n')}`,
      t('admin.save')))) return;
    try {
      await ctx.api(`/api/users/${encodeURIComponent(key)}`, { method: 'PUT', body });
      password.node.value = '';
      ctx.notice(t('console.user.saved', { username: body.username }), 'ok');
      ctx.navigate('users', key);
      if (!isNew) ctx.rerender();
    } catch (e) {
      password.node.value = '';
      show(ctx, container, e);
    }
  });
  return form;
}

function resetForm(ctx, container, user) {
  const { t } = ctx;
  const first = input('reset-password', t('console.user.newPassword'), { type: 'password', autocomplete: 'new-password',
    'data-path': `user/${user.id}/password` });
  const again = input('reset-again', t('console.user.repeatPassword'), { type: 'password', autocomplete: 'new-password' });
  const mismatch = el('p', { class: 'field__error', id: 'reset-mismatch', role: 'alert', hidden: true },
    t('console.user.mismatch'));
  const form = el('form', { class: 'console-form', id: 'reset-form', novalidate: true },
    group(t('console.user.reset', { username: user.username }), el('p', { class: 'hint' }, t('console.user.resetHint')),
      first.wrapper, again.wrapper, mismatch),
    el('div', { class: 'admin-actions' },
      el('button', { type: 'submit', class: 'button', id: 'reset-save' }, t('console.user.resetButton'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mismatch.hidden = first.node.value === again.node.value;
    if (!mismatch.hidden) {
      again.node.focus();
      return;
    }
    if (!(await ctx.confirm(t('console.user.resetConfirm', { username: user.username }), t('console.user.resetButton')))) {
      return;
    }
    try {
      await ctx.api(`/api/users/${encodeURIComponent(user.id)}/password`, { method: 'POST',
        body: { password: first.node.value } });
      ctx.notice(t('console.user.resetDone', { username: user.username }), 'ok');
      ctx.showProblems(container, []);
    } catch (e) {
      show(ctx, container, e);
    } finally {
      first.node.value = '';
      again.node.value = '';
    }
  });
  return form;
}

export default {
  id: 'users',
  titleKey: 'console.section.users',
  adminOnly: true,
  async render(container, ctx) {
    const { t } = ctx;
    let users = [];
    try {
      users = (await ctx.api('/api/users')).items ?? [];
    } catch (e) {
      container.append(el('p', { class: 'status', dataset: { tone: 'error' } }, `${t('admin.error.failed')} ${e.message}`));
      return;
    }
    const selected = users.find((u) => u.id === ctx.route) ?? null;
    const list = el('ul', { class: 'console-docs', 'aria-label': t('console.section.users') },
      ...users.map((u) => el('li', {}, el('a', {
        href: `#users/${encodeURIComponent(u.id)}`, class: 'console-doc', dataset: { id: u.id },
        'aria-current': u.id === selected?.id ? 'true' : undefined,
      }, el('span', { class: 'admin-doc__id' }, u.username),
      el('span', { class: 'admin-doc__name' }, `${u.name ?? ''} · ${(u.roles ?? []).map((r) => t(`console.role.${r}`)).join(', ')}`)))));
    const newLink = el('a', { href: '#users/new', class: 'button button--small', id: 'user-new' }, t('console.user.add'));
    const editor = el('div', { class: 'console-docs__editor' });
    container.append(el('div', { class: 'console-docs__grid' }, el('div', { class: 'console-docs__list' }, list, newLink), editor));
    if (selected) {
      editor.append(userForm(ctx, container, users, selected), resetForm(ctx, container, selected));
    } else if (ctx.route === 'new') {
      editor.append(userForm(ctx, container, users, null));
    } else {
      editor.append(el('p', { class: 'hint' }, t('console.user.pick')));
    }
  },
};
