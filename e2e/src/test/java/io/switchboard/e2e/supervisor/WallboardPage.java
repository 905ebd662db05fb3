package io.switchboard.e2e.supervisor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The wallboard in Chromium, found by the data-queue / data-figure / data-agent attributes the page renders. */
public final class WallboardPage {
  /** The page must show a pushed change within this (issue 12: "within a second of the event"). */
  public static final double WITHIN_A_SECOND_MS = 1000;
  private static final Path SCREENSHOTS = Paths.get(System.getProperty("switchboard.screenshots",
      "target/screenshots"));

  private final Page page;

  public WallboardPage(Page page) {
    this.page = page;
  }

  public Page page() {
    return page;
  }

  public void open(String origin, String query) {
    page.navigate(origin + "/wallboard.html" + query);
  }

  public void signIn(String username, String password) {
    page.locator("#username").fill(username);
    page.locator("#password").fill(password);
    page.locator("#signin-form button[type=submit]").click();
    assertThat(page.locator("#connection")).hasAttribute("data-tone", "ok");
  }

  /** One figure of a queue's tile ("_total" for all queues), e.g. figure("support", "answered"). */
  public Locator figure(String queue, String figure) {
    return page.locator("[data-queue=\"" + queue + "\"] [data-figure=\"" + figure + "\"]");
  }

  public Locator tile(String queue) {
    return page.locator("li[data-queue=\"" + queue + "\"]");
  }

  /** Asserts the figure shows {@code text} within a second from now; prints how long it took (the report's figure). */
  public void expectWithinASecond(String queue, String figure, String text) {
    long start = System.nanoTime();
    assertThat(figure(queue, figure)).hasText(text, new LocatorAssertions.HasTextOptions()
        .setTimeout(WITHIN_A_SECOND_MS));
    System.out.printf("wallboard: %s %s = \"%s\" shown after %d ms%n", queue, figure, text,
        (System.nanoTime() - start) / 1_000_000);
  }

  public Locator agentRow(String agentId) {
    return page.locator("#agents-board tr[data-agent=\"" + agentId + "\"]");
  }

  public void showAgents() {
    page.locator("#tab-agents").click();
  }

  public void screenshot(String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("wallboard-" + name + ".png"))
        .setFullPage(true));
  }
}
