package io.switchboard.e2e.widget;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.Map;

/**
 * A page embedding the click-to-call widget, as a test drives it: through the widget's buttons like a visitor
 * (Playwright's CSS locators reach into its open Shadow DOM), and through the read-only
 * {@code window.switchboardWidget} for what only code can see (the state, the tone detector).
 */
public final class WidgetPage {
  public static final double HEARD = 0.6;
  private static final double TIMEOUT_MS = 20_000;

  private final Page page;

  public WidgetPage(Page page) {
    this.page = page;
    // The widget's console in the test's output: what went wrong in the page is the first thing to read.
    page.onConsoleMessage(m -> System.out.println("widget page console: " + m.type() + " " + m.text()));
    page.onPageError(e -> System.out.println("widget page error: " + e));
  }

  public Page page() {
    return page;
  }

  public void open(String url) {
    page.navigate(url);
    page.waitForFunction("() => window.switchboardWidget !== undefined");
  }

  /** An element of the widget by its id inside the Shadow DOM. */
  public Locator part(String id) {
    return page.locator("switchboard-call-widget #" + id);
  }

  public void openPanel() {
    part("launcher").click();
  }

  public void call() {
    part("call").click();
  }

  /** Presses keys on the widget's keypad (opening it first), each sent as RFC 4733 by RTCDTMFSender. */
  public void press(String digits) {
    if (part("keypad").isHidden()) {
      part("keypad-toggle").click();
    }
    for (char d : digits.toCharArray()) {
      part("keypad").locator("[data-key=\"" + d + "\"]").click();
      page.waitForFunction("d => { const r = document.querySelector('switchboard-call-widget').shadowRoot"
          + ".getElementById('dtmf-echo'); return r.textContent === d; }", String.valueOf(d));
    }
    // The keys are queued in the browser's DTMF sender: wait until the last one has gone out.
    awaitState("s.keysPending === false");
  }

  /** Waits until window.switchboardWidget.state() satisfies the JavaScript condition on {@code s}. */
  public void awaitState(String condition) {
    page.waitForFunction("() => { const s = window.switchboardWidget.state(); return " + condition + "; }", null,
        new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS).setPollingInterval(50));
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> state() {
    return (Map<String, Object>) page.evaluate("() => window.switchboardWidget.state()");
  }

  public void awaitHearing(int frequencyHz) {
    page.waitForFunction("f => window.switchboardWidget.toneLevel(f) > " + HEARD, frequencyHz,
        new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS).setPollingInterval(50));
  }

  /** Waits for sound of any kind (a prompt, ringback) louder than {@code dbfs}. */
  public void awaitSound(double dbfs) {
    page.waitForFunction("l => window.switchboardWidget.levelDbfs() > l", dbfs,
        new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS).setPollingInterval(50));
  }

  /** Waits until ICE and DTLS are up (keys can be sent from then on). */
  public void awaitMediaConnected() {
    page.waitForFunction("async () => { const s = await window.switchboardWidget.stats();"
        + " return s !== null && s.dtlsState === 'connected'; }", null,
        new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS).setPollingInterval(100));
  }

  /** The text the widget shows for a problem (empty when none). */
  public String problem() {
    return part("problem").isVisible() ? part("problem").textContent() : "";
  }
}
