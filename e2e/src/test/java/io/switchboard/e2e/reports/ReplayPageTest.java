package io.switchboard.e2e.reports;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's replay, as a supervisor uses it: Sam opens replay.html in Chromium, picks a recorded day and replays it
 * with Bob absent; the page shows the service level before and after side by side, and after is lower.
 */
class ReplayPageTest extends RunningServerTest {

  private static final String DAY = "2026-11-10";

  private Browser browser;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true", "--hotline.time-zone=UTC");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void supervisorReplaysADayWithOneAgentFewer_seesBeforeAndAfter() throws Exception {
    seed();
    browser = FakeMicrophoneChromium.launch(playwright, null);
    Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1360, 1000)).newPage();
    page.navigate(baseUrl() + "/replay.html?lang=en");
    page.locator("#username").fill("sam");
    page.locator("#password").fill("sam-demo");
    page.locator("#signin-form button[type=submit]").click();
    assertThat(page.locator("#content")).isVisible();

    page.locator("#day").fill(DAY);
    page.locator("#absent").fill("a-bob");
    page.locator("#absent").press("Enter"); // the keyboard submits the form
    Locator support = page.locator("#queues tbody tr[data-queue=support]");
    assertThat(support).isVisible();
    assertThat(page.locator("#status")).isHidden();
    assertThat(page.locator("#chart")).isVisible();
    assertThat(page.locator("#summary")).containsText("35");

    List<String> cells = support.locator("td").allTextContents();
    assertThat(cells.get(0)).isEqualTo("35"); // offered
    double before = percent(cells.get(2));
    double after = percent(cells.get(3));
    assertThat(before).isGreaterThan(80);
    assertThat(after).isLessThan(before - 20);
    assertThat(seconds(cells.get(6))).isGreaterThan(seconds(cells.get(5))); // ASA after > before

    // The same page in Ukrainian labels both columns.
    page.selectOption("#language", "uk");
    assertThat(page.locator("#queues thead")).containsText("До");
    assertThat(page.locator("#queues thead")).containsText("Після");
  }

  private static double percent(String text) {
    return Double.parseDouble(text.replace("%", "").replace(",", "").trim());
  }

  private static double seconds(String text) {
    String t = text.replace("s", "").trim();
    if (t.contains(":")) {
      String[] parts = t.split(":");
      return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }
    return Double.parseDouble(t);
  }

  /** 30 calls 40 s apart, 60 s conversations taken in turn by Alice and Bob, and 5 callers who gave up after 30 s. */
  private void seed() throws Exception {
    List<Future<Void>> writes = new ArrayList<>();
    Instant t0 = Instant.parse(DAY + "T10:00:00Z");
    for (int i = 0; i < 30; i++) {
      Instant arrived = t0.plusSeconds(40L * i);
      String agent = i % 2 == 0 ? "a-alice" : "a-bob";
      writes.add(server.store().saveCall(call("rp-" + i, arrived, agent, arrived.plusSeconds(62))));
    }
    for (int i = 0; i < 5; i++) {
      Instant arrived = t0.plusSeconds(240L * i + 20);
      writes.add(server.store().saveCall(call("rp-ab-" + i, arrived, null, arrived.plusSeconds(30))));
    }
    await(Future.all(writes));
  }

  private static JsonObject call(String id, Instant arrived, String agent, Instant ended) {
    boolean answered = agent != null;
    JsonArray timeline = new JsonArray().add(new JsonObject().put("at", arrived.toString()).put("event", "arrived"));
    if (answered) {
      timeline.add(new JsonObject().put("at", arrived.toString()).put("event", "offered").put("agent", agent))
          .add(new JsonObject().put("at", arrived.plusSeconds(2).toString()).put("event", "answered"));
    }
    return new JsonObject().put("_id", id).put("from", "+49307" + id.hashCode()).put("to", "+4930555000")
        .put("trunk", "demo-carrier").put("queue", new JsonObject().put("id", "support").put("name", "Support"))
        .put("agent", answered ? new JsonObject().put("id", agent) : null)
        .put("arrivedAt", date(arrived)).put("queuedAt", date(arrived))
        .put("answeredAt", answered ? date(arrived.plusSeconds(2)) : null).put("endedAt", date(ended))
        .put("talkSeconds", answered ? 60 : 0).put("outcome", answered ? "answered" : "abandoned")
        .put("timeline", timeline);
  }

  private static JsonObject date(Instant instant) {
    return new JsonObject().put("$date", instant.toString());
  }
}
