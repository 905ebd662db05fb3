// Admins build the evaluation forms with fields (form-builder.js), never as JSON: a refusal (422) names the field path
// (sections[0].questions[1].weight) and is shown under that field; saving a changed form makes a new version.

import { onLanguageChange, t } from '../i18n.js';
import { call } from './session.js';
import { FormBuilder, formIdFor } from './form-builder.js';

export class FormsEditor {
  constructor(onSaved) {
    this.onSaved = onSaved;
    this.section = document.getElementById('forms-admin');
    this.form = document.getElementById('form-editor');
    this.choice = document.getElementById('form-edit-choice');
    this.builder = new FormBuilder(document.getElementById('form-builder'));
    this.status = document.getElementById('form-status');
    this.forms = [];
  }

  start(forms) {
    this.section.hidden = false;
    this.fill(forms);
    this.choice.addEventListener('change', () => {
      this.status.hidden = true;
      this.edit();
    });
    onLanguageChange(() => this.builder.change(() => {}));
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
    this.builder.load(this.forms.find((f) => f.id === this.choice.value) ?? null);
  }

  async save() {
    const editing = this.forms.find((f) => f.id === this.choice.value);
    const body = this.builder.value();
    try {
      const saved = editing
        ? await call(`/api/quality/forms/${encodeURIComponent(editing.id)}`, { method: 'PUT', body })
        : await call('/api/quality/forms', { method: 'POST',
          body: { id: formIdFor(body.name, new Set(this.forms.map((f) => f.id))), ...body } });
      this.builder.clearProblems();
      this.show(t('quality.forms.saved', { name: saved.name, version: saved.version }), 'ok');
      this.fill(await this.onSaved(), saved.id);
    } catch (e) {
      // A 422 reads "sections[0].questions[1].weight: must be…": the path places it; the admin reads the rest.
      const [path, ...rest] = e.status === 422 ? e.message.split(': ') : [];
      const message = rest.length ? rest.join(': ') : e.message;
      const placed = this.builder.showProblem(path, message);
      this.show(placed ? t('quality.builder.invalid') : t('quality.failed', { message }), 'error');
    }
  }

  show(message, tone) {
    this.status.hidden = false;
    this.status.textContent = message;
    this.status.dataset.tone = tone;
  }
}
