// Switchboard's click-to-call widget. Embed on any page of an allowed origin (README, "Click-to-call widget"):
//
//   <script type="module" src="https://switchboard.example/widget.js" data-entry="shop"></script>
//
// Options (data- attributes of that script tag): data-entry (required: the web entry point), data-lang (en, ru, uk;
// default: the page's <html lang>), data-position (right | left), data-ask-contact (true: optional name and number
// fields), data-ice-transport-policy (relay: always through TURN). The widget fetches its call token when the page
// loads and keeps everything in a Shadow DOM. window.switchboardWidget is a read-only view for tests.

import { WebCall } from './widget/web-call.js';
import { WidgetPanel } from './widget/panel.js';
import { loadStrings, widgetLanguage } from './widget/strings.js';

const server = new URL('.', import.meta.url);

function ownScript() {
  const scripts = [...document.querySelectorAll('script[type="module"][src]')];
  return scripts.find((s) => new URL(s.src, location.href).href === import.meta.url)
    || scripts.find((s) => s.dataset.entry !== undefined) || null;
}

async function mount() {
  const script = ownScript();
  const entry = script?.dataset.entry;
  const call = new WebCall({ server, entry, script });
  const [t] = await Promise.all([loadStrings(server, widgetLanguage(script)), entry ? call.loadToken() : null]);
  if (!entry) {
    call.tokenError = 'entry_unknown';
    console.error('switchboard widget: the script tag needs data-entry="<web entry point>"');
  }
  if (call.tokenError) call.setState('error', { code: call.tokenError });
  const host = document.createElement('switchboard-call-widget');
  document.body.appendChild(host);
  new WidgetPanel({
    host, call, t, askContact: script?.dataset.askContact === 'true', left: script?.dataset.position === 'left',
  });
  window.switchboardWidget = Object.freeze({
    state: () => ({ state: call.state, detail: { ...call.detail }, callId: call.callId, seen: [...call.statesSeen],
      muted: call.muted(), keysPending: call.keysPending() }),
    toneLevel: (frequencyHz) => call.toneLevel(frequencyHz),
    levelDbfs: () => call.levelDbfs(),
    stats: () => call.stats(),
  });
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', mount, { once: true });
} else {
  mount();
}
