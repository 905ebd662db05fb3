package io.switchboard.e2e.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.Passwords;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin console in Chromium against a server with an empty configuration (no demo): the only account is an admin
 * who, by forms alone, creates a schedule with a holiday (seen in the 14-day calendar), two queues (a ring time the
 * server refuses is shown at its field), two agents with skills, a black list imported from CSV, a user with a role
 * and resets her password; every save shows the diff first; the audit log lists it all, filtered; a queue is rolled
 * back to its first version. No JSON is shown anywhere. Screenshots in en, ru and uk.
 */
class AdminConsoleTest extends RunningServerTest {

  private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
  private Browser browser;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=false");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void adminBuildsAHotlineFromNothing_byFormsWithDiffs_auditsAndRollsBack() throws Exception {
    await(server.store().saveAgent(new AgentAccount("a-root", "root", "Root Admin", Passwords.hash("root-password"),
        List.of(AgentAccount.ADMIN))));
    String token = loginToken("root", "root-password");
    assertThat(getJson("/api/config", token).getJsonObject("documents").getJsonArray("queue")).isEmpty();

    browser = FakeMicrophoneChromium.launch(playwright, null);
    Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1360, 1000)).newPage();
    page.navigate(baseUrl() + "/config.html?lang=en");
    page.locator("#username").fill("root");
    page.locator("#password").fill("root-password");
    page.locator("#signin-form button[type=submit]").click();
    assertThat(page.locator("#nav-queues")).hasAttribute("aria-current", "page");
    assertThat(page.locator(".site-nav a[aria-current=page]")).hasText("Configuration");

    // A schedule with a holiday three days from now: the calendar shows it before anything is saved.
    page.locator("#nav-schedules").click();
    page.locator("#new-schedule").fill("office");
    page.locator("#create-schedule").click();
    set(page, "[data-path='schedule/office/name']", "Office hours");
    set(page, "[data-path='schedule/office/zone']", "Europe/Kyiv");
    String holiday = LocalDate.now(KYIV).plusDays(3).toString();
    page.locator("#new-holiday-date").fill(holiday);
    page.locator("#new-holiday-name").fill("Company day");
    page.locator("#add-holiday").click();
    assertThat(page.locator("#calendar li")).hasCount(14);
    assertThat(page.locator("#calendar li[data-date='" + holiday + "']")).hasAttribute("data-status", "holiday");
    assertThat(page.locator("#calendar li[data-date='" + holiday + "']")).containsText("Company day");
    assertThat(page.locator("#dirty")).isVisible();
    page.locator("#doc-save").click();
    Locator diff = page.locator("#diff");
    assertThat(diff).isVisible();
    assertThat(diff.locator("[data-kind='schedule'][data-id='office'] h3")).hasText("New Schedule “office”");
    assertThat(diff.locator("tr[data-path='holidays/0/date'] th")).hasText("Holiday 1");
    assertThat(diff.locator("tr[data-path='holidays/0/date'] .console-diff__after")).hasText(holiday);
    assertThat(diff.locator("tr[data-path='week/mon'] th")).hasText("Weekly hours › Mon");
    shot(page, "console-0-schedule-diff-en");
    page.locator("#diff-ok").click();
    assertThat(page.locator("#status")).containsText("Saved 1 document(s)");
    JsonObject office = getJson("/api/config/schedule/office", token);
    assertThat(office.getString("author")).isEqualTo("a-root");
    assertThat(office.getJsonObject("document").getString("zone")).isEqualTo("Europe/Kyiv");
    assertThat(office.getJsonObject("document").getJsonArray("holidays").getJsonObject(0).getString("date"))
        .isEqualTo(holiday);

    // Two queues; a ring time of 0 is refused by the server and shown at its field, nothing stored.
    page.locator("#nav-queues").click();
    page.locator("#new-queue").fill("support");
    page.locator("#create-queue").click();
    set(page, "[data-path='queue/support/name']", "Support");
    page.locator("[data-path='queue/support/strategy']").selectOption("ring-all");
    assertThat(page.locator("#strategy-explain")).hasText(
        "Every free agent rings at once; the first to answer takes the call.");
    set(page, "[data-path='queue/support/offerTimeout']", "0");
    set(page, "[data-path='queue/support/wrapUp']", "10");
    page.locator("#doc-save").click();
    page.locator("#diff-ok").click();
    assertThat(page.locator("#status")).containsText("The server refused the change");
    Locator problem = page.locator(".field:has([data-path='queue/support/offerTimeout']) .console-problem");
    assertThat(problem).containsText("1..600");
    assertThat(page.locator("#problems")).isHidden(); // every problem is at its field
    assertThat(page.locator("[data-path='queue/support/offerTimeout']")).hasAttribute("aria-invalid", "true");
    shot(page, "console-1-problem-at-field-en");
    assertThat(getJson("/api/config", token).getJsonObject("documents").getJsonArray("queue")).isEmpty();
    set(page, "[data-path='queue/support/offerTimeout']", "25");
    saveWithDiff(page);
    page.locator("#new-queue").fill("sales");
    page.locator("#create-queue").click();
    set(page, "[data-path='queue/sales/name']", "Sales");
    page.locator("[data-path='queue/sales/whenNoAgents']").selectOption("queue:support");
    saveWithDiff(page);
    JsonObject sales = getJson("/api/config/queue/sales", token).getJsonObject("document");
    assertThat(sales.getJsonObject("whenNoAgents")).isEqualTo(new JsonObject().put("kind", "queue")
        .put("queue", "support"));
    assertThat(server.routingConfig().current().queue("support").orElseThrow().offerTimeout().toSeconds())
        .isEqualTo(25);

    // Two agents with skills, each serving a queue.
    page.locator("#nav-agents").click();
    addAgent(page, "a-anna", "Anna", "english", "5", "support");
    addAgent(page, "a-boris", "Boris", "ukrainian", "4", "sales");
    shot(page, "console-6-agent-en");
    var live = server.routingConfig().current();
    assertThat(live.agent("a-anna").orElseThrow().skills()).containsEntry("english", 5);
    assertThat(live.agent("a-boris").orElseThrow().skills()).containsEntry("ukrainian", 4);
    assertThat(getJson("/api/config/agent/a-boris", token).getJsonObject("document").getJsonArray("queues"))
        .isEqualTo(new JsonArray().add("sales"));

    // A black list imported from a spreadsheet's CSV; the unreadable row is named.
    page.locator("#nav-lists").click();
    page.locator("#new-list").fill("blocked");
    page.locator("#create-list").click();
    page.locator("#csv-region").selectOption("UA");
    page.locator("#csv-file").setInputFiles(new FilePayload("pranksters.csv", "text/csv",
        "Name;Phone\r\nPrank;050 000 06 66\r\nOther;+380 99 000 06 67\r\nJunk;12\r\n"
            .getBytes(StandardCharsets.UTF_8)));
    page.locator("#csv-import").click();
    assertThat(page.locator("#import-report")).containsText("Added 2 new number(s) from 3 row(s)");
    assertThat(page.locator("#import-report li")).containsText("Row 4");
    saveWithDiff(page);
    assertThat(getJson("/api/config/list/blocked", token).getJsonObject("document").getJsonArray("numbers"))
        .isEqualTo(new JsonArray().add("+380500000666").add("+380990000667"));

    // A user with a role, then a new password for her: hashed, never shown.
    page.locator("#nav-users").click();
    page.locator("#user-new").click();
    page.locator("#user-id").fill("a-anna");
    page.locator("#user-username").fill("anna");
    page.locator("#user-name").fill("Anna Koval");
    page.locator("#role-supervisor").check();
    page.locator("#user-password").fill("first-password");
    page.locator("#user-save").click();
    assertThat(page.locator("#confirm-text")).containsText("Create the account a-anna?");
    page.locator("#confirm-ok").click();
    assertThat(page.locator("#status")).hasText("User anna saved.");
    assertThat(page.locator(".console-doc[data-id='a-anna']")).containsText("Agent, Supervisor");
    page.locator("#reset-password").fill("second-password");
    page.locator("#reset-again").fill("second-password");
    page.locator("#reset-save").click();
    page.locator("#confirm-ok").click();
    assertThat(page.locator("#status")).hasText("The password of anna was replaced.");
    assertThat(page.locator("#reset-password")).hasValue("");
    loginToken("anna", "second-password");
    assertThatThrownBy(() -> loginToken("anna", "first-password")).isInstanceOf(AssertionError.class);
    shot(page, "console-2-users-en");

    // A group: Boris as member, Anna (now a supervisor) supervising it.
    page.locator("#nav-groups").click();
    page.locator("#new-group").fill("g-kyiv");
    page.locator("#create-group").click();
    set(page, "[data-path='group/g-kyiv/name']", "Kyiv");
    page.locator("[data-path='group/g-kyiv/members'] input[data-member='a-boris']").check();
    page.locator("[data-path='group/g-kyiv/supervisors'] input[data-member='a-anna']").check();
    saveWithDiff(page);
    assertThat(server.routingConfig().current().supervisorOf("a-boris")).contains("a-anna");

    // Roll the support queue back to its first version after a change.
    page.locator("#nav-queues").click();
    page.locator(".console-doc[data-id='support']").click();
    set(page, "[data-path='queue/support/wrapUp']", "30");
    saveWithDiff(page);
    assertThat(page.locator("#versions tbody tr")).hasCount(2);
    page.locator("#versions tr[data-version='1'] button").click();
    page.locator("#confirm-ok").click();
    assertThat(page.locator("#status")).containsText("version 1");
    assertThat(page.locator("#versions tbody tr")).hasCount(3);
    JsonObject support = getJson("/api/config/queue/support", token);
    assertThat(support.getLong("version")).isEqualTo(3L);
    assertThat(support.getString("action")).isEqualTo("rollback to 1");
    assertThat(support.getJsonObject("document").getInteger("wrapUp")).isEqualTo(10);
    assertThat(page.locator("[data-path='queue/support/wrapUp']")).hasValue("10");

    // The audit log: who did what, filtered to users and passwords.
    page.locator("#nav-audit").click();
    assertThat(page.locator("#audit tr[data-action='config.rollback']")).containsText("root");
    assertThat(page.locator("#audit tr[data-action='config.put']")).hasCount(8);
    page.locator("#audit-action").selectOption("user.");
    page.locator("#audit-filters button[type=submit]").click();
    assertThat(page.locator("#audit tbody tr")).hasCount(2);
    assertThat(page.locator("#audit tbody tr").first()).containsText("set a new password");
    shot(page, "console-3-audit-en");

    // Nothing an admin sees is JSON; the console speaks Russian and Ukrainian too.
    assertThat(page.locator("main").innerText()).doesNotContain("{\"").doesNotContain("\":");
    page.selectOption("#language", "ru");
    assertThat(page.locator("h1")).hasText("Консоль администратора");
    assertThat(page.locator("#nav-audit")).hasText("Журнал действий");
    shot(page, "console-4-audit-ru");
    page.selectOption("#language", "uk");
    page.locator("#nav-schedules").click();
    page.locator(".console-doc[data-id='office']").click();
    assertThat(page.locator("#calendar li[data-date='" + holiday + "']")).containsText("Свято");
    shot(page, "console-5-schedule-uk");
  }

  private static void addAgent(Page page, String id, String name, String skill, String level, String queue) {
    page.locator("#new-agent").fill(id);
    page.locator("#create-agent").click();
    set(page, "[data-path='agent/" + id + "/name']", name);
    page.locator("#new-skill").fill(skill);
    page.locator("#new-skill-level").selectOption(level);
    page.locator("#add-skill").click();
    assertThat(page.locator("select[data-level='" + skill + "']")).hasValue(level);
    page.locator("#serve-" + queue).check();
    saveWithDiff(page);
  }

  /** Save: the diff is shown, confirmed, and the save reported. */
  private static void saveWithDiff(Page page) {
    page.locator("#doc-save").click();
    assertThat(page.locator("#diff")).isVisible();
    page.locator("#diff-ok").click();
    assertThat(page.locator("#status")).containsText("Saved");
    assertThat(page.locator("#dirty")).isHidden();
  }

  /** Types into a form field and leaves it, as a person does (the form reads it on change). */
  private static void set(Page page, String selector, String value) {
    Locator field = page.locator(selector);
    field.fill(value);
    field.dispatchEvent("change");
  }

  private static void shot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
        .setFullPage(true));
  }
}
