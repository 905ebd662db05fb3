// The wallboard (wallboard.html): the live figures per queue and in total, and the agents board, both from the
// wallboard socket (pushed by the server; the page never polls). The clocks (longest wait, time in state, call
// length) move every second here, from the instants the server sent, corrected for the two clocks' difference.

import { api, ApiError } from '../api.js';
import { initI18n, onLanguageChange, t } from '../i18n.js';
import { signedIn, signInAgain } from '../crm/signin.js';
import { AlertNotifier } from './alerts.js';
import { registerAgentAction, renderAgents, tickAgents } from './agents-board.js';
import { LiveSocket } from './live-socket.js';
import { renderTiles, tickTiles } from './tiles.js';

const el = {
  content: document.getElementById('content'),
  status: document.getElementById('status'),
  connection: document.getElementById('connection'),
  connectionText: document.getElementById('connection-text'),
  updated: document.getElementById('updated'),
  tiles: document.getElementById('tiles'),
  noQueues: document.getElementById('no-queues'),
  agents: document.querySelector('#agents-board tbody'),
  noAgents: document.getElementById('no-agents'),
  agentsStatus: document.getElementById('agents-status'),
  tv: document.getElementById('tv-toggle'),
  notify: document.getElementById('notify-toggle'),
  tabs: [document.getElementById('tab-queues'), document.getElementById('tab-agents')],
  dialog: document.getElementById('action-dialog'),
  dialogForm: document.getElementById('action-form'),
  dialogHeading: document.getElementById('action-heading'),
  dialogReason: document.getElementById('action-reason'),
  dialogReasonField: document.getElementById('action-reason-field'),
  dialogText: document.getElementById('action-text'),
  dialogTextField: document.getElementById('action-text-field'),
  dialogError: document.getElementById('action-error'),
  dialogCancel: document.getElementById('action-cancel'),
};

let session = null;
let socket = null;
let figures = null;
let offsetMs = 0;
let notifier = null;

// ---------------------------------------------------------------- wall TV mode

function setTv(on) {
  document.body.classList.toggle('wallboard--tv', on);
  el.tv.setAttribute('aria-pressed', String(on));
  const url = new URL(location.href);
  if (on) url.searchParams.set('tv', '1');
  else url.searchParams.delete('tv');
  history.replaceState(null, '', url);
}

el.tv.addEventListener('click', () => setTv(!document.body.classList.contains('wallboard--tv')));

// ---------------------------------------------------------------- tabs (WAI-ARIA, automatic activation)

function selectTab(tab) {
  for (const other of el.tabs) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
  }
}

for (const tab of el.tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (event) => {
    const i = el.tabs.indexOf(tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: el.tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = el.tabs[(next + el.tabs.length) % el.tabs.length];
    selectTab(target);
    target.focus();
  });
}

// ---------------------------------------------------------------- figures

function show(next) {
  figures = next;
  offsetMs = Date.parse(next.at) - Date.now();
  renderTiles(el.tiles, next, offsetMs);
  el.noQueues.hidden = next.queues.length > 0;
  renderAgents(el.agents, next.agents, offsetMs);
  el.noAgents.hidden = next.agents.length > 0;
  el.updated.textContent = t('wallboard.updated', {
    time: new Date(Date.parse(next.at)).toLocaleTimeString(document.documentElement.lang),
  });
  notifier.update(next);
}

setInterval(() => {
  if (!figures) return;
  tickTiles(el.tiles, offsetMs);
  tickAgents(el.agents, offsetMs);
}, 1000);

function connection(status) {
  el.connection.dataset.tone = status === 'open' ? 'ok' : status === 'reconnecting' ? 'error' : 'warn';
  el.connectionText.textContent = t(`wallboard.connection.${status}`);
}

// ---------------------------------------------------------------- supervisor actions

function isSupervisor(agent) {
  const roles = Array.isArray(agent?.roles) ? agent.roles : [];
  return roles.includes('supervisor') || roles.includes('admin');
}

/** Opens the dialog for an action; resolves with the reason, or null when cancelled. */
function askReason({ heading, reasons }) {
  el.dialogHeading.textContent = heading;
  el.dialogError.hidden = true;
  el.dialogReasonField.hidden = !reasons;
  el.dialogTextField.hidden = Boolean(reasons);
  if (reasons) {
    el.dialogReason.replaceChildren(...reasons.map((r) => new Option(reasonLabelOf(r), r)));
  } else {
    el.dialogText.value = '';
  }
  el.dialog.showModal();
  (reasons ? el.dialogReason : el.dialogText).focus();
  return new Promise((resolve) => {
    const done = (value) => {
      el.dialogForm.removeEventListener('submit', onSubmit);
      el.dialogCancel.removeEventListener('click', onCancel);
      el.dialog.removeEventListener('cancel', onCancel);
      el.dialog.close();
      resolve(value);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      const value = reasons ? el.dialogReason.value : el.dialogText.value.trim();
      if (!value) {
        el.dialogError.hidden = false;
        el.dialogError.textContent = t('wallboard.action.reasonRequired');
        return;
      }
      done(value);
    };
    const onCancel = (event) => {
      event.preventDefault();
      done(null);
    };
    el.dialogForm.addEventListener('submit', onSubmit);
    el.dialogCancel.addEventListener('click', onCancel);
    el.dialog.addEventListener('cancel', onCancel);
  });
}

function reasonLabelOf(reason) {
  const key = `agent.reason.${reason}`;
  return t(key) === key ? reason : t(key);
}

async function act(agent, path, reason, doneKey) {
  el.agentsStatus.hidden = true;
  try {
    await api(`/api/agents/${encodeURIComponent(agent.id)}/${path}`, { token: session.token, method: 'POST', body: { reason } });
    el.agentsStatus.dataset.tone = 'ok';
    el.agentsStatus.textContent = t(doneKey, { agent: agent.name || agent.id });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      restart(await signInAgain());
      return;
    }
    el.agentsStatus.dataset.tone = 'error';
    el.agentsStatus.textContent = t('wallboard.action.failed', { message: e.message });
  }
  el.agentsStatus.hidden = false;
}

registerAgentAction({
  id: 'not-ready',
  labelKey: 'wallboard.action.notReady',
  available: (agent) => agent.state !== 'logged_out',
  run: async (agent) => {
    const reason = await askReason({
      heading: t('wallboard.action.notReadyHeading', { agent: agent.name || agent.id }),
      reasons: figures?.notReadyReasons ?? [],
    });
    if (reason) await act(agent, 'not-ready', reason, 'wallboard.action.notReadyDone');
  },
});

// Listen, whisper and barge need the supervisor's own media session: they live on monitor.html, opened on this
// agent's call.
registerAgentAction({
  id: 'listen',
  labelKey: 'wallboard.action.listen',
  available: (agent) => agent.state === 'on_call',
  run: (agent) => {
    window.open(`monitor.html?agent=${encodeURIComponent(agent.id)}`, 'switchboard-monitor');
  },
});

registerAgentAction({
  id: 'logout',
  labelKey: 'wallboard.action.logout',
  tone: 'danger',
  available: (agent) => agent.state !== 'logged_out' && agent.state !== 'on_call',
  run: async (agent) => {
    const reason = await askReason({ heading: t('wallboard.action.logoutHeading', { agent: agent.name || agent.id }) });
    if (reason) await act(agent, 'logout', reason, 'wallboard.action.logoutDone');
  },
});

// ---------------------------------------------------------------- start

function restart(saved) {
  session = saved;
  socket?.close();
  if (!isSupervisor(session.agent)) {
    el.status.hidden = false;
    el.status.dataset.tone = 'error';
    el.status.textContent = t('wallboard.notSupervisor');
    signInAgain().then(restart);
    return;
  }
  el.status.hidden = true;
  el.content.hidden = false;
  socket = new LiveSocket({ token: session.token });
  socket.addEventListener('figures', (event) => show(event.detail.figures));
  socket.addEventListener('status', (event) => connection(event.detail.status));
  socket.addEventListener('ended', async (event) => {
    connection('closed');
    el.content.hidden = true;
    if (event.detail.reason === 'refused') {
      el.status.hidden = false;
      el.status.dataset.tone = 'error';
      el.status.textContent = t('wallboard.notSupervisor');
    }
    restart(await signInAgain());
  });
  socket.start();
}

await initI18n();
notifier = new AlertNotifier(el.notify);
setTv(new URLSearchParams(location.search).get('tv') === '1');
onLanguageChange(() => {
  notifier.showState();
  if (figures) show(figures);
});
restart(await signedIn());
