// Admins edit the evaluation forms as JSON (the API's own shape, docs/api.md "Quality"): a refusal names the field
// path (sections[0].questions[1].weight); saving a changed form makes a new version.

import { t } from '../i18n.js';
import { call } from './session.js';

const EXAMPLE = {
  id: 'support',
  name: 'Support calls',
  sections: [
    { id: 'opening', title: 'Opening', questions: [
      { id: 'greet', text: 'Greeted the caller and gave their name', weight: 10, type: 'yesno' },
      { id: 'verify', text: 'Verified the caller\'s identity', weight: 20, type: 'yesno', critical: true },
    ] },
    { id: 'solving', title: 'Solving', questions: [
      { id: 'empathy', text: 'Listened and showed empathy', weight: 30, type: 'scale', scaleMax: 5 },
      { id: 'solution', text: 'Solved the problem or set the next step', weight: 40, type: 'scale', scaleMax: 5,
        naAllowed: true },
    ] },
  ],
};

export class FormsEditor {
  constructor(onSaved) {
    this.onSaved = onSaved;
    this.section = document.getElementById('forms-admin');
    this.form = document.getElementById('form-editor');
    this.choice = document.getElementById('form-edit-choice');
    this.json = document.getElementById('form-json');
    this.status = document.getElementById('form-status');
    this.forms = [];
  }

  start(forms) {
    this.section.hidden = false;
    this.fill(forms);
    this.choice.addEventListener('change', () => this.edit());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.save();
    });
  }

  fill(forms, selected) {
    this.forms = forms;
    const fresh = document.createElement('option');
    fresh.value = '';
    fresh.textContent = t('quality.forms.new');
    this.choice.replaceChildren(fresh, ...forms.map((f) => {
      const option = document.createElement('option');
      option.value = f.id;
      option.textContent = t('quality.formVersion', { name: f.name, version: f.version });
      return option;
    }));
    this.choice.value = selected ?? (forms[0]?.id ?? '');
    this.edit();
  }

  edit() {
    const form = this.forms.find((f) => f.id === this.choice.value);
    const shown = form ? { id: form.id, version: form.version, name: form.name, sections: form.sections } : EXAMPLE;
    this.json.value = JSON.stringify(shown, null, 2);
  }

  async save() {
    let body;
    try {
      body = JSON.parse(this.json.value);
    } catch (e) {
      this.show(t('quality.forms.badJson', { message: e.message }), 'error');
      return;
    }
    const existing = this.forms.some((f) => f.id === body?.id);
    try {
      const saved = existing
        ? await call(`/api/quality/forms/${encodeURIComponent(body.id)}`, { method: 'PUT', body })
        : await call('/api/quality/forms', { method: 'POST', body });
      this.show(t('quality.forms.saved', { name: saved.name, version: saved.version }), 'ok');
      this.fill(await this.onSaved(), saved.id);
    } catch (e) {
      this.show(t('quality.failed', { message: e.message }), 'error');
    }
  }

  show(message, tone) {
    this.status.hidden = false;
    this.status.textContent = message;
    this.status.dataset.tone = tone;
  }
}
