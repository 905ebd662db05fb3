// The supervisor's live calls (docs/protocol.md, "Supervisors"): sign in, the page opens its line (socket + one
// media session), lists the calls the server says this supervisor may join (pushed as monitor.calls, no polling)
// and mounts Listen / Whisper / Barge / Leave on each. window.callMonitor is read-only access for tests.

import { initI18n, onLanguageChange, t } from '../i18n.js';
import { signedIn, signInAgain } from '../crm/signin.js';
import { mountCallMonitor } from './call-monitor.js';
import { MonitorLine } from './monitor-line.js';

const el = {
  content: document.getElementById('content'),
  rows: document.querySelector('#calls tbody'),
  empty: document.getElementById('empty'),
  connection: document.getElementById('connection'),
  monitoring: document.getElementById('monitoring'),
  audio: document.getElementById('remote-audio'),
};
let line = null;
let lastState = null;

function renderStatus() {
  const socket = line.session.status;
  const media = line.media.status;
  const ok = socket === 'open' && media === 'connected';
  el.connection.dataset.tone = ok ? 'ok' : media === 'failed' ? 'error' : 'warn';
  el.connection.textContent = ok ? t('monitor.status.ready')
    : media === 'failed' ? t('monitor.status.failed') : t('monitor.status.connecting');
  const now = line.current;
  const call = now && line.calls.find((c) => c.callId === now.callId);
  el.monitoring.textContent = now
    ? t('monitor.inCall', { mode: t(`monitor.${now.mode}`), agent: call?.agent?.name ?? '' })
    : lastState?.reason ? t(`monitor.left.${lastState.reason}`) : '';
}

function since(iso) {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** callId → {tr, unmount}: rows are updated in place, so the focused button keeps its focus across updates. */
const rows = new Map();
/** The agent the wallboard's agents board sent us for (monitor.html?agent=ID): their call's controls get the focus. */
const wantedAgent = new URLSearchParams(location.search).get('agent');
let wantedFocused = false;

function renderCalls() {
  const live = new Set(line.calls.map((c) => c.callId));
  for (const [callId, row] of rows) {
    if (!live.has(callId)) {
      row.unmount();
      row.tr.remove();
      rows.delete(callId);
    }
  }
  for (const call of line.calls) {
    let row = rows.get(call.callId);
    if (!row) {
      const tr = document.createElement('tr');
      tr.dataset.callId = call.callId;
      tr.dataset.agent = call.agent?.id ?? '';
      for (let i = 0; i < 6; i++) tr.append(document.createElement('td'));
      tr.children[0].dir = 'ltr';
      el.rows.append(tr);
      row = { tr, unmount: mountCallMonitor(tr.children[5], { line, callId: call.callId, agentName: call.agent?.name ?? '' }) };
      rows.set(call.callId, row);
    }
    const cells = [
      call.from ?? '',
      call.agent?.name ?? '',
      call.queue?.name ?? '',
      call.answeredAt ? since(call.answeredAt) : '',
      (call.supervisors ?? []).map((s) => `${s.name} (${t(`monitor.doing.${s.mode}`)})`).join(', '),
    ];
    cells.forEach((text, i) => {
      if (row.tr.children[i].textContent !== text) row.tr.children[i].textContent = text;
    });
  }
  el.empty.hidden = line.calls.length > 0;
  if (wantedAgent && !wantedFocused) {
    const wanted = [...rows.values()].find((row) => row.tr.dataset.agent === wantedAgent);
    if (wanted) {
      wantedFocused = true;
      wanted.tr.classList.add('is-wanted');
      wanted.tr.querySelector('button')?.focus();
    }
  }
  renderStatus();
}

async function main() {
  await initI18n();
  let session = await signedIn();
  const roles = session.agent?.roles ?? [];
  if (!roles.includes('supervisor') && !roles.includes('admin')) {
    session = await signInAgain();
  }
  el.content.hidden = false;
  line = new MonitorLine({ token: session.token, audio: el.audio });
  line.addEventListener('calls', renderCalls);
  line.addEventListener('status', renderStatus);
  line.addEventListener('state', (e) => {
    lastState = e.detail;
    renderStatus();
  });
  line.session.addEventListener('ended', (e) => {
    if (e.detail.reason === 'unauthorized') signInAgain().then(() => location.reload());
  });
  onLanguageChange(renderCalls);
  setInterval(() => {
    for (const tr of el.rows.children) {
      const call = line.calls.find((c) => c.callId === tr.dataset.callId);
      if (call?.answeredAt) tr.children[3].textContent = since(call.answeredAt);
    }
  }, 1000);
  window.addEventListener('pagehide', () => line.close());
  line.start();
  window.callMonitor = Object.freeze({
    state: () => ({ socket: line.session.status, media: line.media.status, current: line.current,
      calls: line.calls, last: lastState }),
    toneLevel: (f) => line.toneLevel(f),
    toneDbfs: (f) => line.toneDbfs(f),
    stats: () => line.stats(),
  });
}

main();
