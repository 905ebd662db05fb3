// The audit log: who did what, when, from where — configuration saves, deletions and rollbacks with the version they
// made and the admin's note, accounts and password resets, dispositions, recordings heard, supervisors' moves.
// Filtered by kind of action and by user on the server (GET /api/audit?action=&user=&limit=).

import { el } from './fields.js';
import { formatTime } from './format.js';

const ACTIONS = ['', 'config.', 'user.', 'disposition.', 'recording.listen', 'voicemail.listen', 'agent.', 'monitor.'];

function what(t, e) {
  if (e.kind && e.objectId) {
    const kind = e.kind === 'user' ? t('console.audit.user') : e.kind === 'disposition' ? t('console.audit.disposition')
      : t(`console.kind.${e.kind}`);
    return `${kind} ${e.objectId}${e.version ? ` · ${t('admin.versionN', { version: e.version })}` : ''}`;
  }
  if (e.callId) return `${t('console.audit.call')} ${e.callId}`;
  if (e.agentId || e.target) return `${t('console.kind.agent')} ${e.agentId ?? e.target}`;
  return '';
}

export default {
  id: 'audit',
  titleKey: 'console.section.audit',
  adminOnly: true,
  async render(container, ctx) {
    const { t } = ctx;
    const params = new URLSearchParams(ctx.route);
    const action = el('select', { id: 'audit-action' }, ...ACTIONS.map((a) => el('option', {
      value: a, selected: (params.get('action') ?? '') === a,
    }, t(`console.audit.action.${a || 'all'}`))));
    const user = el('input', { id: 'audit-user', type: 'text', value: params.get('user') ?? '', autocomplete: 'off',
      spellcheck: 'false' });
    const form = el('form', { class: 'console-filters', id: 'audit-filters' },
      el('div', { class: 'field' }, el('label', { for: action.id }, t('console.audit.filterAction')), action),
      el('div', { class: 'field' }, el('label', { for: user.id }, t('console.audit.filterUser')), user),
      el('button', { type: 'submit', class: 'button button--small' }, t('console.audit.apply')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const next = new URLSearchParams();
      if (action.value) next.set('action', action.value);
      if (user.value.trim()) next.set('user', user.value.trim());
      ctx.navigate('audit', next.toString());
    });
    container.append(form);
    const query = new URLSearchParams({ limit: '200' });
    if (params.get('action')) query.set('action', params.get('action'));
    if (params.get('user')) query.set('user', params.get('user'));
    let items = [];
    try {
      items = (await ctx.api(`/api/audit?${query}`)).items ?? [];
    } catch (e) {
      container.append(el('p', { class: 'status', dataset: { tone: 'error' } }, `${t('admin.error.failed')} ${e.message}`));
      return;
    }
    if (items.length === 0) {
      container.append(el('p', { class: 'hint', id: 'audit-empty' }, t('console.audit.none')));
      return;
    }
    container.append(el('table', { class: 'table', id: 'audit' },
      el('thead', {}, el('tr', {}, ...['console.audit.when', 'console.audit.who', 'console.audit.what',
        'console.audit.object', 'console.audit.note', 'console.audit.ip'].map((k) => el('th', { scope: 'col' }, t(k))))),
      el('tbody', {}, ...items.map((e) => el('tr', { dataset: { action: e.action ?? '' } },
        el('td', {}, formatTime(e.at)),
        el('td', {}, e.by?.username ?? '—'),
        el('td', {}, t(`console.audit.did.${e.action}`) !== `console.audit.did.${e.action}` ? t(`console.audit.did.${e.action}`) : e.action),
        el('td', {}, what(t, e)),
        el('td', {}, e.note ?? (e.reason ?? '')),
        el('td', {}, e.ip ?? ''))))));
  },
};
