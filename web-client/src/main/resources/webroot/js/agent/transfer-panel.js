// Transfers from the desk (docs/protocol.md "transfer.*"): the Transfer button of a call opens the target picker —
// colleagues with their state, queues with their waiting callers, a number typed — each with "Transfer" (blind)
// and, for colleagues and numbers, "Consult" (warm: the caller hears music while you talk). While consulting, the
// bar offers Complete and Cancel. A colleague who is consulted sees who asks and can end the consultation.
// It draws the Desk model and reports what the agent pressed; it never changes the model itself.

import { t } from '../i18n.js';
import { callerLabel, stateLabel } from './format.js';
import { moveFocusIfLost } from './focus.js';

/** What the server accepts as a number (docs/protocol.md): digits with an optional leading +. */
const NUMBER = /^\+?[0-9]{2,20}$/;

export class TransferPanel {
  /**
   * @param {{targets: () => Promise<void>, start: (mode: string, target: object) => Promise<void>,
   *          complete: () => Promise<void>, cancel: (callId: string) => Promise<void>}} actions
   */
  constructor(actions) {
    this.actions = actions;
    this.el = {
      toggle: document.getElementById('transfer-toggle'),
      panel: document.getElementById('transfer-panel'),
      agents: document.getElementById('transfer-agents'),
      queues: document.getElementById('transfer-queues'),
      numberForm: document.getElementById('transfer-number-form'),
      number: document.getElementById('transfer-number'),
      numberError: document.getElementById('transfer-number-error'),
      numberConsult: document.getElementById('transfer-number-consult'),
      numberBlind: document.getElementById('transfer-number-blind'),
      numberSection: document.getElementById('transfer-number-section'),
      consult: document.getElementById('transfer-consult'),
      consultText: document.getElementById('transfer-consult-text'),
      complete: document.getElementById('transfer-complete'),
      cancel: document.getElementById('transfer-cancel'),
      consulted: document.getElementById('consulted-banner'),
      consultedText: document.getElementById('consulted-text'),
      consultedEnd: document.getElementById('consulted-end'),
    };
    this.desk = null;
    /** What the lists were last drawn from. */
    this.drawn = null;
    this.el.toggle.addEventListener('click', () => this.setOpen(this.el.panel.hidden));
    this.el.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.setOpen(false);
        this.el.toggle.focus();
      }
    });
    this.el.numberForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.number(event.submitter === this.el.numberConsult ? 'consult' : 'blind');
    });
    this.el.complete.addEventListener('click', () => this.actions.complete().catch(() => {}));
    this.el.cancel.addEventListener('click', () => {
      if (this.desk?.consult) this.actions.cancel(this.desk.consult.callId).catch(() => {});
    });
    this.el.consultedEnd.addEventListener('click', () => {
      if (this.desk?.consultedBy) this.actions.cancel(this.desk.consultedBy.callId).catch(() => {});
    });
  }

  setOpen(open) {
    this.el.panel.hidden = !open;
    this.el.toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      this.actions.targets().catch(() => {});
      this.el.panel.querySelector('h3')?.focus();
    }
  }

  number(mode) {
    const number = this.el.number.value.replace(/[\s\-().]/g, '');
    if (!NUMBER.test(number)) {
      this.el.numberError.textContent = t('agent.transfer.invalidNumber');
      this.el.numberError.hidden = false;
      this.el.number.focus();
      return;
    }
    this.el.numberError.hidden = true;
    this.start(mode, { number });
  }

  start(mode, target) {
    this.actions.start(mode, target).then(() => {
      this.el.number.value = '';
      this.setOpen(false);
    }, () => {});
  }

  /**
   * @param {import('./desk.js').Desk} desk
   * @param {{socketOpen: boolean, busy: boolean}} context
   */
  render(desk, { socketOpen, busy }) {
    this.desk = desk;
    const call = desk.call;
    const consulting = desk.consult && call && desk.consult.callId === call.callId ? desk.consult : null;
    // Transfers are for callers (not calls the agent placed), one at a time.
    const canTransfer = Boolean(call && !call.outbound && !consulting);
    this.el.toggle.hidden = !(call && !call.outbound);
    this.el.toggle.disabled = !socketOpen || !canTransfer;
    if (!canTransfer && !this.el.panel.hidden) this.setOpen(false);

    const targets = desk.transferTargets;
    // Redrawn only when something in it changed, so a keyboard user's focus survives the frames that keep coming.
    const drawn = JSON.stringify([targets, !socketOpen || busy, document.documentElement.lang]);
    if (drawn !== this.drawn) {
      this.drawn = drawn;
      this.renderAgents(targets?.agents ?? [], !socketOpen || busy);
      this.renderQueues(targets?.queues ?? [], !socketOpen || busy);
    }
    this.el.numberSection.hidden = targets ? targets.numbers !== true : true;
    this.el.numberConsult.disabled = !socketOpen || busy;
    this.el.numberBlind.disabled = !socketOpen || busy;

    const wasHidden = this.el.consult.hidden;
    this.el.consult.hidden = !consulting;
    if (consulting) {
      const name = consulting.to?.name ?? consulting.to?.number ?? '';
      const progress = consulting.progress && consulting.progress !== 'answered'
        ? ` · ${t(`agent.dial.progress.${consulting.progress}`)}` : '';
      this.el.consultText.textContent = t('agent.transfer.consulting', { name }) + progress;
      this.el.complete.disabled = !socketOpen || busy
        || (consulting.kind === 'number' && consulting.progress !== 'answered');
      this.el.cancel.disabled = !socketOpen || busy;
      if (wasHidden) moveFocusIfLost(this.el.complete);
    }

    const consulted = desk.consultedBy;
    this.el.consulted.hidden = !consulted;
    if (consulted) {
      this.el.consultedText.textContent = t('agent.transfer.consulted', {
        name: consulted.by?.name ?? '', caller: callerLabel(consulted.caller),
      });
      this.el.consultedEnd.disabled = !socketOpen;
    }
  }

  renderAgents(agents, disabled) {
    const list = this.el.agents;
    list.replaceChildren();
    if (!agents.length) {
      const empty = document.createElement('li');
      empty.className = 'hint';
      empty.textContent = t('agent.transfer.noAgents');
      list.append(empty);
      return;
    }
    for (const agent of agents) {
      const item = document.createElement('li');
      item.className = 'transfer__target';
      const name = document.createElement('span');
      name.className = 'transfer__name';
      name.textContent = agent.name ?? agent.id;
      const state = document.createElement('span');
      state.className = 'badge';
      state.dataset.tone = agent.available ? 'ok' : 'warn';
      state.textContent = stateLabel({ state: agent.state, reason: null });
      item.append(name, state,
        this.button('agent.transfer.consult', agent.name, disabled || !agent.available,
          () => this.start('consult', { agent: agent.id })),
        this.button('agent.transfer.blind', agent.name, disabled || !agent.available,
          () => this.start('blind', { agent: agent.id })));
      list.append(item);
    }
  }

  renderQueues(queues, disabled) {
    const list = this.el.queues;
    list.replaceChildren();
    for (const queue of queues) {
      const item = document.createElement('li');
      item.className = 'transfer__target';
      const name = document.createElement('span');
      name.className = 'transfer__name';
      name.textContent = queue.name ?? queue.id;
      const waiting = document.createElement('span');
      waiting.className = 'badge';
      waiting.textContent = t('agent.transfer.waiting', { count: queue.waiting ?? 0 });
      item.append(name, waiting, this.button('agent.transfer.blind', queue.name, disabled,
        () => this.start('blind', { queue: queue.id })));
      list.append(item);
    }
  }

  /** A small action button whose accessible name says whom it acts on ("Transfer to Bob"). */
  button(key, target, disabled, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--small';
    button.textContent = t(key);
    button.setAttribute('aria-label', t(`${key}To`, { name: target ?? '' }));
    button.disabled = disabled;
    button.addEventListener('click', onClick);
    return button;
  }
}
