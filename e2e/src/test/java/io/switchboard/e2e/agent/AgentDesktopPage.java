package io.switchboard.e2e.agent;

import io.switchboard.e2e.ClasspathWebroot;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * agent.html as a test drives it: through its form and buttons like an agent, and through the read-only
 * {@code window.agentDesk} for what only code can see (the model, getStats, the tone detector).
 */
public final class AgentDesktopPage {

  /** toneLevel() above this: the page clearly hears that frequency (a clean sine gives ≈ 1). */
  public static final double HEARD = 0.6;
  public static final double NOT_HEARD = 0.05;
  private static final double TIMEOUT_MS = 20_000;
  /** Screenshots go here; -Dswitchboard.screenshots=/tmp/x puts them somewhere easier to look at. */
  private static final Path SCREENSHOTS = Paths.get(System.getProperty("switchboard.screenshots", "target/screenshots"));

  private final Page page;

  public AgentDesktopPage(Page page) {
    this.page = page;
  }

  public Page page() {
    return page;
  }

  void open(String lang) {
    open(ClasspathWebroot.ORIGIN, lang);
  }

  /** Opens the desk served by {@code origin} (the real server, or the classpath stand-in). */
  public void open(String origin, String lang) {
    page.navigate(origin + "/agent.html?lang=" + lang);
    page.waitForFunction("() => window.agentDesk !== undefined");
  }

  public void signIn(String username, String password) {
    page.locator("#username").fill(username);
    page.locator("#password").fill(password);
    page.locator("#login-submit").click();
  }

  public Locator button(String name) {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  Locator loginError() {
    return page.locator("#login-error");
  }

  public Locator stateBadge() {
    return page.locator("#state-badge");
  }

  /** Waits until window.agentDesk.state() satisfies the JavaScript condition on {@code s}, e.g. "s.call !== null". */
  public void awaitState(String condition) {
    page.waitForFunction("() => { const s = window.agentDesk.state(); return " + condition + "; }", null,
        new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS).setPollingInterval(50));
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> state() {
    return (Map<String, Object>) page.evaluate("() => window.agentDesk.state()");
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> stats() {
    return (Map<String, Object>) page.evaluate("() => window.agentDesk.stats()");
  }

  public void awaitDtlsConnected() {
    page.waitForFunction("async () => (await window.agentDesk.stats()).dtlsState === 'connected'", null,
        new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS).setPollingInterval(100));
  }

  public void awaitHearing(int frequencyHz) {
    page.waitForFunction("([f, min]) => window.agentDesk.toneLevel(f) > min", List.of(frequencyHz, HEARD),
        new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS).setPollingInterval(100));
  }

  public double toneLevel(int frequencyHz) {
    return ((Number) page.evaluate("f => window.agentDesk.toneLevel(f)", frequencyHz)).doubleValue();
  }

  String focusedId() {
    return (String) page.evaluate("() => document.activeElement?.id ?? ''");
  }

  void chooseLanguage(String lang) {
    page.locator("#language").selectOption(lang);
    page.waitForFunction("l => document.documentElement.lang === l", lang);
  }

  public void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    // Animations off: the ring pulse and the countdown bar are drawn in their final state, not mid-transition.
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("agent-" + name + ".png"))
        .setFullPage(true).setAnimations(com.microsoft.playwright.options.ScreenshotAnimations.DISABLED));
  }
}
