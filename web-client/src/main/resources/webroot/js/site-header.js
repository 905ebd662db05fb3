// The one page header of every Switchboard page: brand, main navigation, language. A page has an empty
// <header class="site-header" data-site-header></header> and loads this module before its own (module scripts run
// in document order, so the header is there before initI18n() translates it); the page's own link is marked
// aria-current. One list of pages here instead of a copy in every HTML file.

const PAGES = [
  ['index.html', 'nav.home'],
  ['agent.html', 'nav.agentDesktop'],
  ['wallboard.html', 'nav.wallboard'],
  ['monitor.html', 'nav.monitor'],
  ['customers.html', 'nav.customers'],
  ['reports.html', 'nav.reports'],
  ['planner.html', 'nav.planner'],
  ['config.html', 'admin.nav'],
  ['headset-check.html', 'nav.headsetCheck'],
];

const MARK = '<svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">'
  + '<rect width="32" height="32" rx="8"/>'
  + '<path d="M9 21v-4a7 7 0 0 1 14 0v4" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/>'
  + '<rect x="7" y="19" width="4.5" height="7" rx="1.8" fill="#fff"/>'
  + '<rect x="20.5" y="19" width="4.5" height="7" rx="1.8" fill="#fff"/></svg>';

export function renderSiteHeader(header = document.querySelector('header[data-site-header]')) {
  if (!header) return;
  const here = location.pathname.split('/').pop() || 'index.html';
  header.classList.add('site-header');
  // The customer card is one customer of the list: the list's link is the current one there.
  const current = here === 'customer.html' ? 'customers.html' : here;
  if (header.dataset.wide !== undefined) header.classList.add('site-header--wide');
  const links = PAGES.map(([href, key]) => `<a href="${href}" data-keep-lang data-i18n="${key}"`
    + `${href === current ? ' aria-current="page"' : ''}></a>`).join('');
  header.innerHTML = `<div class="site-header__inner">
    <a class="brand" href="index.html" data-keep-lang>${MARK}<span>Switchboard</span></a>
    <nav class="site-nav" data-i18n-attr="aria-label:nav.label" aria-label="Main">${links}</nav>
    <div class="language">
      <label for="language" data-i18n="lang.label">Language</label>
      <select id="language" data-language-select>
        <option value="en" lang="en">English</option>
        <option value="ru" lang="ru">Русский</option>
        <option value="uk" lang="uk">Українська</option>
      </select>
    </div></div>`;
}

renderSiteHeader();
