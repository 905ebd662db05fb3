// The agents board: one row per agent, made by agentRow() alone. A row's actions come from the registry below, so
// more supervisor actions (listen, whisper, barge) are one registerAgentAction() call away, with no change here.

import { t } from '../i18n.js';
import { count, duration, NONE, secondsSince } from './format.js';
import { reasonLabel } from './tiles.js';

/**
 * @typedef {object} AgentAction
 * @property {string} id        data-action of its button
 * @property {string} labelKey  i18n key of the button's text
 * @property {(agent: object) => boolean} available  whether the button shows for this agent now
 * @property {(agent: object) => void} run
 * @property {string} [tone]    'danger' for a destructive action
 */

const actions = [];

/** Adds a button to every row whose agent it is available for (in the order registered). */
export function registerAgentAction(action) {
  actions.push(action);
}

/** Replaces the rows, keeping the keyboard focus on the same agent's same button. */
export function renderAgents(tbody, agents, offsetMs) {
  const focused = document.activeElement?.closest?.('tr[data-agent]') ? {
    agent: document.activeElement.closest('tr[data-agent]').dataset.agent,
    action: document.activeElement.dataset.action,
  } : null;
  tbody.replaceChildren(...agents.map((agent) => agentRow(agent, offsetMs)));
  if (focused) {
    tbody.querySelector(`tr[data-agent="${CSS.escape(focused.agent)}"] [data-action="${CSS.escape(focused.action ?? '')}"]`)?.focus();
  }
}

/** Moves time in state and call durations to now. */
export function tickAgents(tbody, offsetMs) {
  for (const el of tbody.querySelectorAll('[data-since]')) {
    el.textContent = duration(secondsSince(el.dataset.since, offsetMs));
  }
}

/** One agent's row: name, state (and reason), time in state, current call, handled today, AHT, actions. */
export function agentRow(agent, offsetMs) {
  const tr = document.createElement('tr');
  tr.dataset.agent = agent.id;
  tr.dataset.state = agent.state;

  const name = cell('th', agent.name || agent.id);
  name.scope = 'row';

  const state = document.createElement('td');
  const badge = document.createElement('span');
  badge.className = 'badge badge--state';
  badge.dataset.state = agent.state;
  badge.dataset.field = 'state';
  badge.textContent = stateLabel(agent);
  state.append(badge);

  const since = cell('td', agent.since && agent.state !== 'logged_out' ? duration(secondsSince(agent.since, offsetMs)) : NONE);
  since.className = 'numeric';
  since.dataset.field = 'since';
  if (agent.since && agent.state !== 'logged_out') since.dataset.since = agent.since;

  const call = document.createElement('td');
  call.dataset.field = 'call';
  if (agent.call) {
    const what = [agent.call.queue?.name, agent.call.caller].filter(Boolean).join(' · ');
    const length = document.createElement('span');
    length.className = 'numeric';
    length.dataset.since = agent.call.since;
    length.textContent = duration(secondsSince(agent.call.since, offsetMs));
    call.append(`${what || t('wallboard.agents.callUnknown')} · `, length);
  } else {
    call.textContent = NONE;
  }

  const handled = cell('td', count(agent.handledToday));
  handled.className = 'numeric';
  handled.dataset.field = 'handled';
  const aht = cell('td', duration(agent.ahtSeconds));
  aht.className = 'numeric';
  aht.dataset.field = 'aht';

  const buttonsCell = document.createElement('td');
  const buttons = document.createElement('div');
  buttons.className = 'agents-board__actions';
  buttonsCell.append(buttons);
  for (const action of actions) {
    if (!action.available(agent)) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `button button--small${action.tone === 'danger' ? ' button--danger' : ''}`;
    button.dataset.action = action.id;
    button.textContent = t(action.labelKey);
    button.setAttribute('aria-label', `${t(action.labelKey)}: ${agent.name || agent.id}`);
    button.addEventListener('click', () => action.run(agent));
    buttons.append(button);
  }

  tr.append(name, state, since, call, handled, aht, buttonsCell);
  return tr;
}

function stateLabel(agent) {
  const name = agent.state === 'logged_out' ? t('agent.state.offline') : t(`agent.state.${agent.state}`);
  return agent.state === 'not_ready' && agent.reason ? `${name} · ${reasonLabel(agent.reason)}` : name;
}

function cell(tag, text) {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}
