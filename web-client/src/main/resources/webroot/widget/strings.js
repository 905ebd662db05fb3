// The widget's words in the host page's language (en, ru, uk), from the server's i18n files (keys "widget.*").
// The language: the script's data-lang, else the page's <html lang>, else English.

const LANGUAGES = ['en', 'ru', 'uk'];

export function widgetLanguage(script) {
  for (const tag of [script?.dataset.lang, document.documentElement.lang]) {
    const base = String(tag || '').toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

/** Resolves with t(key, params) for the language; English fills what a translation lacks. */
export async function loadStrings(server, lang) {
  const fetchJson = async (l) => {
    try {
      const response = await fetch(new URL(`i18n/${l}.json`, server), { credentials: 'omit' });
      return response.ok ? await response.json() : {};
    } catch (e) {
      return {};
    }
  };
  const [fallback, chosen] = await Promise.all([fetchJson('en'), lang === 'en' ? {} : fetchJson(lang)]);
  return (key, params = {}) => {
    const template = chosen[key] ?? fallback[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
  };
}
