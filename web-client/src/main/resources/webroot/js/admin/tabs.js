// The kinds as a WAI-ARIA tab list: one tab in the Tab order (the selected one), arrow keys, Home and End move
// between tabs and select them (automatic activation: showing a kind is cheap).

export class KindTabs {
  /**
   * @param {HTMLElement} list the role=tablist element
   * @param {HTMLElement} panel the role=tabpanel element
   * @param {string[]} kinds
   * @param {(kind: string) => void} onSelect
   */
  constructor(list, panel, kinds, onSelect) {
    this.list = list;
    this.panel = panel;
    this.onSelect = onSelect;
    this.tabs = kinds.map((kind) => {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.role = 'tab';
      tab.id = `tab-${kind}`;
      tab.className = 'admin-tab';
      tab.dataset.kind = kind;
      tab.setAttribute('aria-controls', panel.id);
      tab.addEventListener('click', () => this.select(kind));
      return tab;
    });
    list.replaceChildren(...this.tabs);
    list.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** Sets each tab's text (the label and how many documents it has). */
  label(kind, text, count) {
    const tab = this.tabs.find((t) => t.dataset.kind === kind);
    if (!tab) return;
    const name = document.createElement('span');
    name.textContent = text;
    const badge = document.createElement('span');
    badge.className = 'admin-tab__count';
    badge.textContent = String(count);
    tab.replaceChildren(name, ' ', badge);
  }

  select(kind, { focus = false } = {}) {
    for (const tab of this.tabs) {
      const selected = tab.dataset.kind === kind;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected) {
        this.panel.setAttribute('aria-labelledby', tab.id);
        if (focus) tab.focus();
      }
    }
    this.onSelect(kind);
  }

  onKey(event) {
    const index = this.tabs.indexOf(document.activeElement);
    if (index < 0) return;
    const last = this.tabs.length - 1;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const wrapped = next > last ? 0 : next < 0 ? last : next;
    this.select(this.tabs[wrapped].dataset.kind, { focus: true });
  }
}
