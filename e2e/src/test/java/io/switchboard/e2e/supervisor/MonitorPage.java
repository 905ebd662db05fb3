package io.switchboard.e2e.supervisor;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * monitor.html as a test drives it: signed in through its form, the controls clicked like a supervisor does, and
 * {@code window.callMonitor} read for what only code can see (connection state, the tone detector).
 */
final class MonitorPage {
  private static final double TIMEOUT_MS = 20_000;
  private static final Path SCREENSHOTS = Paths.get(System.getProperty("switchboard.screenshots",
      "target/screenshots"));

  private final Page page;

  MonitorPage(Page page) {
    this.page = page;
  }

  Page page() {
    return page;
  }

  void open(String origin, String lang) {
    page.navigate(origin + "/monitor.html?lang=" + lang);
  }

  void signIn(String username, String password) {
    page.locator("#username").fill(username);
    page.locator("#password").fill(password);
    page.locator("#signin-form button[type=submit]").click();
    page.waitForFunction("() => window.callMonitor !== undefined", null,
        new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS));
  }

  /** Waits until the socket is welcomed and the media session is connected. */
  void awaitConnected() {
    awaitState("s.socket === 'open' && s.media === 'connected'");
  }

  /** Waits until window.callMonitor.state() satisfies the condition on {@code s}. */
  void awaitState(String condition) {
    page.waitForFunction("() => { const s = window.callMonitor.state(); return " + condition + "; }", null,
        new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS).setPollingInterval(50));
  }

  /** The row of a live call. */
  Locator row(String callId) {
    return page.locator("tr[data-call-id='" + callId + "']");
  }

  /** Clicks Listen, Whisper, Barge or Leave in the call's row and waits until the server confirms the mode. */
  void choose(String callId, String mode) {
    row(callId).locator(".call-monitor__" + mode).click();
    awaitState(mode.equals("leave") ? "s.current === null"
        : "s.current !== null && s.current.callId === '" + callId + "' && s.current.mode === '" + mode + "'");
  }

  /** Waits until every one of the frequencies is heard above {@code level} at the same time. */
  void awaitHearing(List<Integer> frequencies, double level) {
    page.waitForFunction("([fs, min]) => fs.every((f) => window.callMonitor.toneLevel(f) > min)",
        List.of(frequencies, level), new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS).setPollingInterval(50));
  }

  /** Waits until every one of the frequencies measures above {@code minDbfs} at the same time (quiet ones too). */
  void awaitHearingDbfs(List<Integer> frequencies, double minDbfs) {
    page.waitForFunction("([fs, min]) => fs.every((f) => window.callMonitor.toneDbfs(f) > min)",
        List.of(frequencies, minDbfs), new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS).setPollingInterval(50));
  }

  double toneLevel(int frequencyHz) {
    return ((Number) page.evaluate("f => window.callMonitor.toneLevel(f)", frequencyHz)).doubleValue();
  }

  void screenshot(String name) throws java.io.IOException {
    Files.createDirectories(SCREENSHOTS);
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("monitor-" + name + ".png"))
        .setFullPage(true));
  }
}
