// The widget's styles, inside its Shadow DOM: the host page's CSS cannot reach in, these cannot leak out.
export const STYLES = `
:host { all: initial; }
* { box-sizing: border-box; }
.root {
  --brand: #2454d6; --brand-strong: #1a3fa6; --text: #1b2333; --muted: #5a6478; --surface: #fff;
  --border: #dde2ec; --ok: #1f7a4d; --error: #b3261e; --error-soft: #fbe4e2; --focus: #f0a500;
  position: fixed; bottom: 20px; right: 20px; z-index: 2147483000; display: flex; flex-direction: column;
  align-items: flex-end; gap: 12px;
  font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--text);
}
.root.left { right: auto; left: 20px; align-items: flex-start; }
@media (prefers-color-scheme: dark) {
  .root { --text: #e6e9f0; --muted: #9aa4b8; --surface: #181e29; --border: #2a3342; --brand: #6e93ff;
    --brand-strong: #95b0ff; --error: #ff8a80; --error-soft: #3a1a18; --ok: #5fd39a; }
}
button { font: inherit; cursor: pointer; border-radius: 10px; border: 1px solid var(--border);
  background: var(--surface); color: var(--text); padding: 8px 12px; min-height: 40px; }
button:focus-visible, input:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
button:disabled { opacity: .5; cursor: default; }
.launcher { width: 60px; height: 60px; border-radius: 50%; border: none; background: var(--brand); color: #fff;
  box-shadow: 0 4px 14px rgb(16 24 40 / 25%); display: grid; place-items: center; padding: 0; }
.launcher:hover { background: var(--brand-strong); }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.panel { width: min(320px, calc(100vw - 40px)); background: var(--surface); border: 1px solid var(--border);
  border-radius: 14px; box-shadow: 0 8px 30px rgb(16 24 40 / 20%); padding: 16px; display: flex;
  flex-direction: column; gap: 12px; }
.panel[hidden] { display: none; }
.head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.head h2 { font-size: 16px; margin: 0; font-weight: 600; }
.close { border: none; min-height: 32px; padding: 4px 8px; background: transparent; font-size: 20px; line-height: 1; }
.status { font-weight: 600; }
.detail { color: var(--muted); font-size: 14px; min-height: 1.4em; }
.timer { font-variant-numeric: tabular-nums; color: var(--muted); }
.problem { background: var(--error-soft); color: var(--error); border-radius: 10px; padding: 10px; font-size: 14px; }
.problem[hidden], .contact[hidden], .keypad[hidden], .controls[hidden], .timer[hidden] { display: none; }
.contact { display: grid; gap: 8px; }
.contact label { display: grid; gap: 4px; font-size: 13px; color: var(--muted); }
.contact input { font: inherit; padding: 8px; border: 1px solid var(--border); border-radius: 8px;
  background: var(--surface); color: var(--text); }
.call { background: var(--ok); border-color: var(--ok); color: #fff; font-weight: 600; }
.hangup { background: var(--error); border-color: var(--error); color: #fff; font-weight: 600; }
.controls { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 8px; }
.controls [aria-pressed="true"] { background: var(--brand); color: #fff; border-color: var(--brand); }
.keypad { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; }
.keypad button { font-size: 18px; font-variant-numeric: tabular-nums; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
