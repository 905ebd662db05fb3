package io.switchboard.e2e.reports;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's acceptance, as a supervisor uses it: Sam opens the reports in Chromium, filters one queue and one week,
 * reads the figures and the chart, and downloads the CSV, which is opened and checked (byte order mark, columns, one
 * row per day of that queue only). Then the planner, typed in with the textbook case.
 */
class ReportsPageTest extends RunningServerTest {

  /** Monday 2 November to Sunday 8 November 2026; calls also on the weeks around it, which the filter leaves out. */
  private static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);

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
  void supervisorFiltersAQueueAndAWeek_seesTheFigures_andDownloadsTheCsv() throws Exception {
    int supportInWeek = seed();
    browser = FakeMicrophoneChromium.launch(playwright, null);
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1360, 1000)
        .setAcceptDownloads(true));
    Page page = context.newPage();
    page.navigate(baseUrl() + "/reports.html?lang=en");
    page.locator("#username").fill("sam");
    page.locator("#password").fill("sam-demo");
    page.locator("#signin-form button[type=submit]").click();
    assertThat(page.locator("#content")).isVisible();

    page.locator("#from").fill(MONDAY.toString());
    page.locator("#to").fill(MONDAY.plusDays(6).toString());
    page.locator("#queue").fill("support");
    page.selectOption("#by", "queue");
    page.selectOption("#granularity", "day");
    page.locator("#filters button[type=submit]").click();

    // Seven days of support calls, each a row of its own; the summary counts the week's support calls only.
    assertThat(page.locator("#rows-heading")).isVisible();
    page.waitForCondition(() -> page.locator("#status").isHidden() || page.locator("#status[data-tone=error]")
        .isVisible());
    assertThat(page.locator("#status")).isHidden();
    assertThat(page.locator("#rows tbody tr")).hasCount(7);
    assertThat(page.locator("#rows tbody tr").first()).containsText("2026-11-02");
    assertThat(page.locator("#summary .metric").first()).containsText(String.valueOf(supportInWeek));
    assertThat(page.locator("#fcr tbody tr")).hasCount(2); // L1 and L1+L2
    // 56 answered, 7 of them followed by the next day's call: 49 / 56 = 87.5 %, above the seeds' 85 %.
    assertThat(page.locator("#fcr tbody tr").first()).containsText("87.5 %");
    assertThat(page.locator("#fcr tbody tr").first()).containsText("on target");
    assertThat(page.locator("#repeats tbody tr")).hasCount(7); // each day's first caller calls again the next day
    Object drawn = page.evaluate("() => { const c = Chart.getChart(document.getElementById('chart'));"
        + " return c ? c.data.datasets[0].data.length : -1; }");
    assertThat(((Number) drawn).intValue()).isEqualTo(7);
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "reports-1-week.png"))
        .setFullPage(true));

    Download download = page.waitForDownload(() -> page.locator("#csv").click());
    Path csv = dataDir.resolve("report.csv");
    download.saveAs(csv);
    assertThat(download.suggestedFilename()).isEqualTo("calls-report-2026-11-02-2026-11-08.csv");
    byte[] bytes = Files.readAllBytes(csv);
    assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    List<String> lines = new String(bytes, StandardCharsets.UTF_8).substring(1).lines().toList();
    List<String> header = Arrays.asList(lines.get(0).split(";", -1));
    assertThat(header).startsWith("group", "name", "period", "calls", "offered", "answered", "abandoned")
        .contains("serviceLevel", "serviceLevelAnswered", "asaSeconds", "ahtSeconds", "callbacksBooked",
            "csatAverage", "transfers");
    assertThat(lines).hasSize(8);
    int offeredColumn = header.indexOf("offered");
    int total = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(";", -1);
      assertThat(cells).hasSize(header.size());
      assertThat(cells[0]).isEqualTo("support");
      total += Integer.parseInt(cells[offeredColumn]);
    }
    assertThat(total).isEqualTo(supportInWeek);
  }

  @Test
  void planner_typedIn_hundredCallsOf180s_needsEightAgentsAndTwelveLines() throws Exception {
    browser = FakeMicrophoneChromium.launch(playwright, null);
    Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1360, 1000)).newPage();
    page.navigate(baseUrl() + "/planner.html?lang=ru");
    page.locator("#username").fill("sam");
    page.locator("#password").fill("sam-demo");
    page.locator("#signin-form button[type=submit]").click();
    assertThat(page.locator("#hours tbody tr")).hasCount(24); // measured: 24 hours, empty ones need nobody

    page.locator("label:has(input[name=source][value=typed])").click();
    page.locator("#callsPerHour").fill("100");
    page.locator("#ahtSeconds").fill("180");
    page.locator("#plan-form button[type=submit]").click();

    assertThat(page.locator("#hours tbody tr")).hasCount(1);
    List<String> cells = page.locator("#hours tbody tr td").allTextContents();
    assertThat(cells.get(3)).isEqualTo("8"); // agents
    assertThat(cells.get(7)).isEqualTo("12"); // lines: 8 × 1.5
    assertThat(page.locator("#peak")).containsText("88,0 %"); // Russian decimal comma
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "planner-ru.png"))
        .setFullPage(true));
  }

  /**
   * Three weeks of calls, ten a day to support and five to sales; of support's, eight answered after 5..40 s and two
   * abandoned; each day's first support caller calls again the next day. The number of support calls in the week.
   */
  private int seed() throws Exception {
    List<Future<Void>> writes = new ArrayList<>();
    int supportInWeek = 0;
    for (int day = -7; day < 14; day++) {
      LocalDate date = MONDAY.plusDays(day);
      for (int i = 0; i < 15; i++) {
        boolean support = i < 10;
        Instant arrived = date.atTime(9 + i % 8, 3 * i).toInstant(ZoneOffset.UTC);
        // Each day's first caller is the same customer, who so calls again every day.
        String from = i == 0 ? "+4930700000" : "+4930800" + ((day + 7) * 100 + i);
        boolean answered = i % 5 != 4;
        writes.add(server.store().saveCall(call("r-" + (day + 7) + "-" + i, from, arrived,
            support ? "support" : "sales", answered, 5 + 5 * (i % 8))));
        if (support && day >= 0 && day < 7) {
          supportInWeek++;
        }
      }
    }
    await(Future.all(writes));
    return supportInWeek;
  }

  private static JsonObject call(String id, String from, Instant arrived, String queue, boolean answered,
      int waitSeconds) {
    Instant end = arrived.plusSeconds(waitSeconds + (answered ? 120 : 0));
    return new JsonObject().put("_id", id).put("from", from).put("to", "+4930555000").put("trunk", "demo-carrier")
        .put("queue", new JsonObject().put("id", queue).put("name", queue.equals("support") ? "Support" : "Sales"))
        .put("agent", answered ? new JsonObject().put("id", "a-alice").put("name", "Alice Smith") : null)
        .put("arrivedAt", date(arrived)).put("queuedAt", date(arrived))
        .put("answeredAt", answered ? date(arrived.plusSeconds(waitSeconds)) : null).put("endedAt", date(end))
        .put("outcome", answered ? "answered" : "abandoned")
        .put("wrapUp", answered ? new JsonObject().put("firstContactResolution", true)
            .put("by", new JsonObject().put("id", "a-alice")).put("at", date(end.plusSeconds(20))) : null)
        .put("csat", answered ? new JsonObject().put("score", 4) : null);
  }

  private static JsonObject date(Instant instant) {
    return new JsonObject().put("$date", instant.toString());
  }
}
