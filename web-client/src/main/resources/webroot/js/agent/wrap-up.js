// The wrap-up form after a call (docs/protocol.md "Wrap-up"): disposition (required, from the admin's list), notes,
// resolved on first contact, an incident to open or to update, and what the agent does next (Ready by default).
// It opens when a call the agent answered ends, whether or not the server puts the agent in the wrap_up state, and
// stays until saved: several calls' forms queue up, the oldest first. Saving is the page's job (actions.save); this
// checks the form, draws it and reports.

import { dispositionLabel } from '../api.js';
import { language, t } from '../i18n.js';
import { callerLabel, formatDuration, reasonLabel } from './format.js';
import { moveFocusIfLost } from './focus.js';

const MAX_NOTES = 4000;

export class WrapUpPanel {
  /** @param {{save: (pending: object, body: object, next: string) => Promise<void>}} actions */
  constructor(actions) {
    this.actions = actions;
    const $ = (id) => document.getElementById(id);
    this.el = {
      form: $('wrap-up'), heading: $('wrap-up-heading'), caller: $('wrap-up-caller'), timer: $('wrap-up-timer'),
      more: $('wrap-up-more'), disposition: $('wrap-up-disposition'), dispositionError: $('wrap-up-disposition-error'),
      next: $('wrap-up-next'), notes: $('wrap-up-notes'), notesCount: $('wrap-up-notes-count'), fcr: $('wrap-up-fcr'),
      updateOption: $('wrap-up-update-option'), unknown: $('wrap-up-incident-unknown'), create: $('wrap-up-create'),
      update: $('wrap-up-update'), priority: $('wrap-up-priority'), title: $('wrap-up-title'),
      titleError: $('wrap-up-title-error'), description: $('wrap-up-description'), incidentId: $('wrap-up-incident-id'),
      status: $('wrap-up-status'), note: $('wrap-up-note'), error: $('wrap-up-error'), save: $('wrap-up-save'),
    };
    this.modes = [...this.el.form.querySelectorAll('input[name="incident-mode"]')];
    /** @type {{code, labels, active}[]} */
    this.dispositions = [];
    this.pending = null;
    this.saving = false;
    this.el.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    for (const mode of this.modes) mode.addEventListener('change', () => this.showMode());
    this.el.notes.addEventListener('input', () => this.countNotes());
    this.el.disposition.addEventListener('change', () => this.setError(this.el.disposition, this.el.dispositionError, null));
    this.el.title.addEventListener('input', () => this.setError(this.el.title, this.el.titleError, null));
  }

  get visible() {
    return !this.el.form.hidden;
  }

  setDispositions(list) {
    this.dispositions = Array.isArray(list) ? list : [];
    this.fillDispositions();
  }

  /**
   * @param {object|null} pending the first of desk.wrapUps, or null to hide the form
   * @param {{count: number, reasons: string[], show: boolean}} context show: nothing else claims the call card
   */
  render(pending, { count, reasons, show }) {
    const visible = Boolean(pending) && show;
    const appeared = visible && this.el.form.hidden;
    this.el.form.hidden = !visible;
    if (!pending) {
      this.pending = null;
      return;
    }
    if (this.pending?.callId !== pending.callId) {
      this.pending = pending;
      this.reset();
    }
    this.pending = pending;
    this.el.caller.textContent = `· ${callerLabel(pending.from)}`;
    this.el.more.hidden = count < 2;
    this.el.more.textContent = t('agent.wrapUp.more', { count: count - 1 });
    this.fillNext(reasons);
    this.fillDispositions();
    this.fillIncidents();
    this.el.save.disabled = this.saving;
    this.tick(Date.now());
    if (appeared) moveFocusIfLost(this.el.heading);
  }

  reset() {
    this.el.form.reset();
    this.el.next.value = 'ready';
    this.modes[0].checked = true;
    this.el.error.hidden = true;
    this.setError(this.el.disposition, this.el.dispositionError, null);
    this.setError(this.el.title, this.el.titleError, null);
    this.showMode();
    this.countNotes();
  }

  fillDispositions() {
    const select = this.el.disposition;
    const chosen = select.value;
    const active = this.dispositions.filter((d) => d.active !== false);
    const placeholder = new Option(t('agent.wrapUp.choose'), '');
    select.replaceChildren(placeholder, ...active.map((d) => new Option(dispositionLabel(active, d.code, language()), d.code)));
    select.value = active.some((d) => d.code === chosen) ? chosen : '';
  }

  fillNext(reasons) {
    const select = this.el.next;
    const chosen = select.value || 'ready';
    select.replaceChildren(new Option(t('agent.wrapUp.nextReady'), 'ready'),
      ...reasons.map((r) => new Option(t('agent.wrapUp.nextNotReady', { reason: reasonLabel(r) }), r)));
    select.value = chosen === 'ready' || reasons.includes(chosen) ? chosen : 'ready';
  }

  fillIncidents() {
    const customer = this.pending?.customer;
    const known = Boolean(customer && customer.id);
    const open = known && Array.isArray(customer.openIncidents) ? customer.openIncidents : [];
    this.el.unknown.hidden = known;
    for (const mode of this.modes) {
      if (mode.value !== 'none') mode.disabled = !known || (mode.value === 'update' && open.length === 0);
    }
    this.el.updateOption.hidden = open.length === 0;
    if (this.modes.some((m) => m.checked && m.disabled)) this.modes[0].checked = true;
    const chosen = this.el.incidentId.value;
    this.el.incidentId.replaceChildren(...open.map((i) => new Option(`P${i.priority} · ${i.title ?? ''}`, String(i.id))));
    if (open.some((i) => String(i.id) === chosen)) this.el.incidentId.value = chosen;
    this.showMode();
  }

  mode() {
    return this.modes.find((m) => m.checked)?.value ?? 'none';
  }

  showMode() {
    const mode = this.mode();
    this.el.create.hidden = mode !== 'create';
    this.el.update.hidden = mode !== 'update';
  }

  countNotes() {
    this.el.notesCount.textContent = t('agent.wrapUp.count', { used: this.el.notes.value.length, max: MAX_NOTES });
  }

  setError(input, message, key) {
    input.setAttribute('aria-invalid', String(key !== null));
    message.hidden = key === null;
    message.textContent = key === null ? '' : t(key);
  }

  /** The body of POST /api/calls/{id}/wrap-up, or null (with the first field at fault focused). */
  body() {
    let firstBad = null;
    const disposition = this.el.disposition.value;
    if (!disposition) {
      this.setError(this.el.disposition, this.el.dispositionError, 'agent.wrapUp.dispositionRequired');
      firstBad = this.el.disposition;
    }
    const body = {
      disposition,
      notes: this.el.notes.value,
      firstContactResolution: this.el.fcr.checked,
    };
    const mode = this.mode();
    if (mode === 'create') {
      const title = this.el.title.value.trim();
      if (!title) {
        this.setError(this.el.title, this.el.titleError, 'agent.wrapUp.titleRequired');
        firstBad ??= this.el.title;
      }
      body.incident = { create: { priority: Number(this.el.priority.value), title } };
      const description = this.el.description.value.trim();
      if (description) body.incident.create.description = description;
    } else if (mode === 'update' && this.el.incidentId.value) {
      body.incident = { update: { id: this.el.incidentId.value } };
      if (this.el.status.value) body.incident.update.status = this.el.status.value;
      if (this.el.note.value.trim()) body.incident.update.note = this.el.note.value;
    }
    if (firstBad) {
      firstBad.focus();
      return null;
    }
    return body;
  }

  async submit() {
    if (!this.pending || this.saving) return;
    this.el.error.hidden = true;
    const body = this.body();
    if (!body) return;
    this.saving = true;
    this.el.save.disabled = true;
    try {
      await this.actions.save(this.pending, body, this.el.next.value || 'ready');
    } catch (e) {
      this.el.error.hidden = false;
      this.el.error.textContent = t('agent.wrapUp.failed', { message: e.message ?? String(e) });
    } finally {
      this.saving = false;
      this.el.save.disabled = false;
    }
  }

  /** The wrap-up time the queue grants, counting down; the form stays open after it runs out. */
  tick(now) {
    const pending = this.pending;
    const seconds = pending?.wrapUpSeconds;
    this.el.timer.hidden = !pending || !Number.isFinite(seconds) || seconds <= 0;
    if (this.el.timer.hidden) return;
    const left = seconds - (now - pending.endedAtMs) / 1000;
    this.el.timer.dataset.over = String(left <= 0);
    this.el.timer.textContent = left > 0 ? t('agent.wrapUp.timeLeft', { time: formatDuration(Math.ceil(left)) })
      : t('agent.wrapUp.timeOver');
  }
}
