// Translations for the static pages: English, Russian, Ukrainian.
// Markup names its strings with data-i18n="key" (text) and data-i18n-attr="attr:key;attr:key" (attributes);
// scripts call t(key, params). The language comes from ?lang=, then the browser's preferences, then English.

export const LANGUAGES = Object.freeze(['en', 'ru', 'uk']);
const FALLBACK = 'en';

let current = FALLBACK;
let messages = {};
let fallbackMessages = {};
const listeners = [];

export function pickLanguage(search = location.search, preferred = navigator.languages || [navigator.language]) {
  const asked = new URLSearchParams(search).get('lang');
  if (asked && LANGUAGES.includes(asked.toLowerCase())) return asked.toLowerCase();
  for (const tag of preferred) {
    const base = String(tag || '').toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return FALLBACK;
}

async function fetchMessages(lang) {
  const response = await fetch(new URL(`../i18n/${lang}.json`, import.meta.url));
  if (!response.ok) throw new Error(`i18n/${lang}.json: HTTP ${response.status}`);
  return response.json();
}

export function language() {
  return current;
}

/** The translated string for key, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  const template = messages[key] ?? fallbackMessages[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

/** Calls fn after every language change (after the page's static strings are replaced). */
export function onLanguageChange(fn) {
  listeners.push(fn);
}

export function translatePage(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  }
  const title = document.querySelector('title[data-i18n]');
  if (title) document.title = title.textContent;
}

export async function setLanguage(lang) {
  const chosen = LANGUAGES.includes(lang) ? lang : FALLBACK;
  if (Object.keys(fallbackMessages).length === 0) fallbackMessages = await fetchMessages(FALLBACK);
  messages = chosen === FALLBACK ? fallbackMessages : await fetchMessages(chosen);
  current = chosen;
  document.documentElement.lang = chosen;
  translatePage();
  for (const fn of listeners) fn(chosen);
}

/**
 * Translates the page in the chosen language and wires the language selector (a <select data-language-select>)
 * so that a change re-translates in place and keeps ?lang= in the address (and in links to our other pages).
 */
export async function initI18n() {
  await setLanguage(pickLanguage());
  const select = document.querySelector('select[data-language-select]');
  if (select) {
    select.value = current;
    select.addEventListener('change', async () => {
      await setLanguage(select.value);
      const url = new URL(location.href);
      url.searchParams.set('lang', current);
      history.replaceState(null, '', url);
      carryLanguageInLinks();
    });
  }
  carryLanguageInLinks();
}

function carryLanguageInLinks() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (!asked) return;
  for (const a of document.querySelectorAll('a[data-keep-lang]')) {
    const url = new URL(a.getAttribute('href'), location.href);
    url.searchParams.set('lang', current);
    a.setAttribute('href', url.pathname.split('/').pop() + url.search + url.hash);
  }
}
