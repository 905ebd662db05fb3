// Listen / Whisper / Barge / Leave for one live call: a group of toggle buttons any supervisor page can mount (the
// monitor page, the agents board). The buttons show the supervisor's mode in this call (aria-pressed), are plain
// <button>s (Tab, Enter, Space), and report refusals (e.g. "forbidden": not one of your groups) in a live region.
//
//   import { mountCallMonitor } from './supervisor/call-monitor.js';
//   const unmount = mountCallMonitor(cell, { line, callId, agentName });
//
// line is a MonitorLine (./monitor-line.js): one per page, shared by every mounted control.

import { onLanguageChange, t } from '../i18n.js';
import { MODES } from './monitor-line.js';

/**
 * @param {HTMLElement} container where the controls go (emptied first)
 * @param {{line: import('./monitor-line.js').MonitorLine, callId: string, agentName?: string}} options
 * @returns {() => void} removes the controls and their listeners
 */
export function mountCallMonitor(container, { line, callId, agentName = '' }) {
  container.replaceChildren();
  const group = document.createElement('div');
  group.className = 'call-monitor';
  group.setAttribute('role', 'group');
  group.dataset.callId = callId;
  const buttons = new Map();
  for (const mode of [...MODES, 'leave']) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `button button--small ${mode === 'leave' ? '' : 'toggle'} call-monitor__${mode}`;
    button.dataset.mode = mode;
    button.addEventListener('click', () => act(mode));
    buttons.set(mode, button);
    group.append(button);
  }
  const message = document.createElement('span');
  message.className = 'call-monitor__message';
  message.setAttribute('role', 'status');
  message.setAttribute('aria-live', 'polite');
  group.append(message);
  container.append(group);

  let busy = false;

  async function act(mode) {
    if (busy) return;
    busy = true;
    render();
    message.textContent = '';
    delete message.dataset.tone;
    try {
      if (mode === 'leave') await line.leave(callId);
      else await line.join(callId, mode);
    } catch (e) {
      const key = `monitor.error.${e.code ?? 'internal'}`;
      message.textContent = t(key) === key ? e.message ?? e.code : t(key);
      message.dataset.tone = 'error';
    } finally {
      busy = false;
      render();
    }
  }

  function render() {
    const now = line.modeIn(callId);
    group.setAttribute('aria-label', t('monitor.controls', { agent: agentName }));
    for (const [mode, button] of buttons) {
      button.textContent = t(`monitor.${mode}`);
      // Not disabled while a request is out (act() ignores clicks then): a disabled button would lose the focus.
      if (mode === 'leave') {
        button.disabled = !now;
      } else {
        button.setAttribute('aria-pressed', String(now === mode));
        button.disabled = !line.ready();
      }
    }
    group.setAttribute('aria-busy', String(busy));
    group.dataset.mode = now ?? '';
  }

  const onChange = () => render();
  line.addEventListener('state', onChange);
  line.addEventListener('calls', onChange);
  line.addEventListener('status', onChange);
  onLanguageChange(onChange);
  render();
  return () => {
    line.removeEventListener('state', onChange);
    line.removeEventListener('calls', onChange);
    line.removeEventListener('status', onChange);
    container.replaceChildren();
  };
}
