package io.switchboard.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;

/**
 * The headset check page as a test drives it: through its buttons like an agent, and through the read-only
 * {@code window.headsetCheck} object for what only code can see (getStats, the tone detector).
 */
final class HeadsetCheckPage implements AutoCloseable {

  /** toneLevel() above this: the tone is clearly what the page hears (a clean sine gives ≈ 1). */
  static final double HEARD = 0.6;
  /** toneLevel() below this: that frequency is not in what the page hears. */
  static final double NOT_HEARD = 0.05;

  private static final double CONNECT_TIMEOUT_MS = 20_000;
  private static final double AUDIO_TIMEOUT_MS = 15_000;

  private final String name;
  private final BrowserContext context;
  private final Page page;

  private HeadsetCheckPage(String name, BrowserContext context, Page page) {
    this.name = name;
    this.context = context;
    this.page = page;
  }

  /**
   * Opens the page in a fresh context and signs in as {@code username} with the page's form (the echo test is for
   * signed-in users); name tags the page's console lines in the test output.
   */
  static HeadsetCheckPage open(Browser browser, String baseUrl, String name, String username, String password) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setPermissions(List.of("microphone"))
        .setLocale("en-US"));
    Page page = context.newPage();
    page.onConsoleMessage(m -> System.out.println("[" + name + " console." + m.type() + "] " + m.text()));
    page.onPageError(e -> System.out.println("[" + name + " page error] " + e));
    page.navigate(baseUrl + "/headset-check.html");
    page.waitForFunction("() => window.headsetCheck !== undefined");
    page.getByLabel("Username").fill(username);
    page.getByLabel("Password").fill(password);
    page.getByLabel("Password").press("Enter");
    page.locator("#start").waitFor();
    return new HeadsetCheckPage(name, context, page);
  }

  Page page() {
    return page;
  }

  Locator startButton() {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start").setExact(true));
  }

  Locator stopButton() {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop").setExact(true));
  }

  /** Tabs to Start and presses Enter, as a keyboard-only agent would. */
  void startWithKeyboard() {
    for (int i = 0; i < 20 && !isFocused(startButton()); i++) {
      page.keyboard().press("Tab");
    }
    if (!isFocused(startButton())) throw new AssertionError(name + ": Start cannot be reached with Tab");
    page.keyboard().press("Enter");
  }

  private static boolean isFocused(Locator locator) {
    return (Boolean) locator.evaluate("el => el === document.activeElement");
  }

  void clickStart() {
    startButton().click();
  }

  void clickStop() {
    stopButton().click();
  }

  /** Waits until getStats reports the DTLS transport connected (ICE done, handshake done, fingerprint accepted). */
  void awaitDtlsConnected() {
    page.waitForFunction("async () => (await window.headsetCheck.stats())?.dtlsState === 'connected'", null,
        new Page.WaitForFunctionOptions().setTimeout(CONNECT_TIMEOUT_MS).setPollingInterval(100));
  }

  /** Waits until most of the echoed audio's power is at frequencyHz. */
  void awaitHearing(int frequencyHz) {
    page.waitForFunction("([f, min]) => window.headsetCheck.toneLevel(f) > min", List.of(frequencyHz, HEARD),
        new Page.WaitForFunctionOptions().setTimeout(AUDIO_TIMEOUT_MS).setPollingInterval(100));
  }

  /** toneLevel of each frequency, all measured on the same ~200 ms of echoed audio. */
  double[] toneLevels(int... frequenciesHz) {
    List<Integer> fs = java.util.Arrays.stream(frequenciesHz).boxed().toList();
    List<?> levels = (List<?>) page.evaluate("fs => fs.map(f => window.headsetCheck.toneLevel(f))", fs);
    return levels.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> stats() {
    return (Map<String, Object>) page.evaluate("() => window.headsetCheck.stats()");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> state() {
    return (Map<String, Object>) page.evaluate("() => window.headsetCheck.state()");
  }

  /** Waits until the server's /health counts this many WebRTC sessions (asked from the page, on its origin). */
  void awaitServerSessions(int count) {
    page.waitForFunction(
        "async n => (await (await fetch('/health', { cache: 'no-store' })).json()).webrtc.sessions === n", count,
        new Page.WaitForFunctionOptions().setTimeout(CONNECT_TIMEOUT_MS).setPollingInterval(100));
  }

  @Override
  public void close() {
    context.close();
  }
}
