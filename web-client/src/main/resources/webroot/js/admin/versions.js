// The versions panel: every version of one document, newest first (number, author, time, what it did, deleted), each one's
// content on demand, and "roll back to previous" (the server stores the version before the latest as a new one).

import { t } from '../i18n.js';
import { formatTime } from './format.js';

export class VersionsPanel {
  constructor({ onView }) {
    this.card = document.getElementById('versions-card');
    this.rows = document.querySelector('#versions tbody');
    this.view = document.getElementById('version-view');
    this.viewHeading = document.getElementById('version-view-heading');
    this.viewContent = document.getElementById('version-content');
    this.rollback = document.getElementById('rollback');
    this.restore = document.getElementById('restore');
    this.onView = onView;
    this.canEdit = false;
    this.items = [];
    this.shown = null;
  }

  hide() {
    this.card.hidden = true;
    this.items = [];
    this.shown = null;
  }

  /** @param {Array<{version, author, savedAt, action, deleted, document}>} items newest first */
  show(items, canEdit) {
    this.items = items;
    this.canEdit = canEdit;
    this.card.hidden = false;
    this.rollback.hidden = !canEdit;
    this.rollback.disabled = !(items.length >= 2);
    if (this.shown !== null && !items.some((v) => v.version === this.shown)) this.shown = null;
    this.render();
  }

  render() {
    this.rows.replaceChildren(...this.items.map((v) => this.row(v)));
    const item = this.items.find((v) => v.version === this.shown);
    this.view.hidden = !item;
    if (item) {
      this.viewHeading.textContent = t('admin.versionContent', { version: item.version });
      this.viewContent.textContent = item.deleted ? t('admin.deletedVersion') : JSON.stringify(strip(item.document), null, 2);
      this.restore.hidden = !this.canEdit || item.version === this.items[0]?.version;
      this.restore.textContent = t('admin.restore', { version: item.version });
      this.restore.dataset.version = String(item.version);
    }
  }

  row(v) {
    const tr = document.createElement('tr');
    tr.dataset.version = String(v.version);
    const number = document.createElement('th');
    number.scope = 'row';
    number.className = 'numeric';
    number.textContent = String(v.version);
    if (v.deleted) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.dataset.tone = 'error';
      badge.textContent = t('admin.deleted');
      number.append(' ', badge);
    }
    const author = cell(v.author ?? '—');
    const time = cell(formatTime(v.savedAt));
    const change = cell(actionText(v));
    const action = document.createElement('td');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--small';
    button.textContent = t('admin.view');
    button.setAttribute('aria-label', t('admin.viewVersion', { version: v.version }));
    button.setAttribute('aria-expanded', String(this.shown === v.version));
    button.setAttribute('aria-controls', 'version-view');
    button.addEventListener('click', () => {
      this.shown = this.shown === v.version ? null : v.version;
      this.render();
      if (this.shown !== null) {
        this.viewHeading.focus();
        this.onView?.(v);
      } else {
        this.rows.querySelector(`tr[data-version="${v.version}"] button`)?.focus();
      }
    });
    action.append(button);
    tr.append(number, author, time, change, action);
    return tr;
  }
}

/** The document as the admin edits it: without its id, which the address already names. */
export function strip(document) {
  if (!document || typeof document !== 'object') return document ?? {};
  const { _id, id, ...rest } = document;
  return rest;
}

/** What a version did: the server's action (put, delete, seed, "rollback to N") in words. */
export function actionText(v) {
  const action = String(v.action ?? '');
  const back = /^rollback to (\d+)$/.exec(action);
  if (back) return back[1] === '0' ? t('admin.action.rollbackCreate') : t('admin.action.rollback', { version: back[1] });
  if (['put', 'delete', 'seed'].includes(action)) return t(`admin.action.${action}`);
  return action;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = String(text);
  return td;
}
