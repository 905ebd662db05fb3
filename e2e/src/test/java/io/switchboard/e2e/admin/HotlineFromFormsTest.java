package io.switchboard.e2e.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.calls.JavaAgent;
import io.switchboard.e2e.calls.SippCaller;
import io.switchboard.e2e.calls.ToneFile;
import io.switchboard.media.testpeer.Await;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.Passwords;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's acceptance: from an empty configuration an admin builds a hotline with forms only (a trunk, a schedule
 * with a holiday, two queues, two agents with skills and accounts, an IVR of three items, the number on the trunk);
 * a flow whose path reaches no human is refused and the tree marks it red; a rollback restores the flow; then SIPp,
 * the carrier, calls the new number, presses 2 and the new agent of the chosen queue answers and hears the caller.
 */
class HotlineFromFormsTest extends RunningServerTest {

  private static final String NUMBER = "+4930555010";
  private Browser browser;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=false", "--calls.ring-timeout-seconds=15");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void adminBuildsAHotlineByForms_aBrokenFlowIsRefusedOnTheTree_andACallFollowsTheIvrToTheNewAgent()
      throws Exception {
    await(server.store().saveAgent(new AgentAccount("a-root", "root", "Root Admin", Passwords.hash("root-password"),
        List.of(AgentAccount.ADMIN))));
    String token = loginToken("root", "root-password");
    browser = FakeMicrophoneChromium.launch(playwright, null);
    Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1360, 1000)).newPage();
    page.navigate(baseUrl() + "/config.html?lang=en");
    page.locator("#username").fill("root");
    page.locator("#password").fill("root-password");
    page.locator("#signin-form button[type=submit]").click();
    assertThat(page.locator("#nav-queues")).hasAttribute("aria-current", "page");

    // The trunk: SIPp on this machine is the carrier.
    page.locator("#nav-trunks").click();
    page.locator("#new-trunk").fill("carrier");
    page.locator("#create-trunk").click();
    set(page, "[data-path='trunk/carrier/allowedSources']", "127.0.0.1");
    saveWithDiff(page);
    assertThat(getJson("/api/config/trunk/carrier", token).getJsonObject("document").getJsonArray("allowedSources")
        .getList()).containsExactly("127.0.0.1");

    // A schedule open today around the clock, with a holiday next week.
    page.locator("#nav-schedules").click();
    page.locator("#new-schedule").fill("office");
    page.locator("#create-schedule").click();
    set(page, "[data-path='schedule/office/name']", "Office");
    set(page, "[data-path='schedule/office/zone']", "UTC");
    String today = LocalDate.now(ZoneOffset.UTC).getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT,
        Locale.ENGLISH).toLowerCase(Locale.ROOT);
    Locator open = page.locator("#open-" + today);
    if (!open.isChecked()) {
      open.check();
    }
    set(page, "input[data-day='" + today + "'][data-range='0'][data-end='from']", "00:00");
    set(page, "input[data-day='" + today + "'][data-range='0'][data-end='to']", "23:59");
    String holiday = LocalDate.now(ZoneOffset.UTC).plusDays(8).toString();
    page.locator("#new-holiday-date").fill(holiday);
    page.locator("#new-holiday-name").fill("Company day");
    page.locator("#add-holiday").click();
    saveWithDiff(page);

    // Two queues, two agents with skills, and their accounts.
    page.locator("#nav-queues").click();
    for (String q : List.of("sales", "support")) {
      page.locator("#new-queue").fill(q);
      page.locator("#create-queue").click();
      set(page, "[data-path='queue/" + q + "/name']", q.substring(0, 1).toUpperCase(Locale.ROOT) + q.substring(1));
      saveWithDiff(page);
    }
    page.locator("#nav-agents").click();
    addAgent(page, "a-anna", "Anna", "english", "5", "support");
    addAgent(page, "a-boris", "Boris", "ukrainian", "4", "sales");
    page.locator("#nav-users").click();
    addUser(page, "a-anna", "anna", "Anna Koval", "anna-password");
    addUser(page, "a-boris", "boris", "Boris Lysenko", "boris-password");

    // The IVR: hours (the office schedule) -> menu: 1 sales, 2 support, 3 voicemail (no key: the template's queue).
    page.locator("#nav-ivr").click();
    page.locator("#new-flow").fill("hotline");
    page.locator("#create-flow").click();
    assertThat(treeStep(page, "menu")).isVisible();
    addOption(page, "queue"); // key 1 -> a new queue step, shown for editing
    page.locator("[data-path='flow/hotline/steps/queue-1/queue']").selectOption("sales");
    treeStep(page, "menu").click();
    addOption(page, "queue"); // key 2
    page.locator("[data-path='flow/hotline/steps/queue-2/queue']").selectOption("support");
    treeStep(page, "menu").click();
    addOption(page, "voicemail"); // key 3
    page.locator("[data-path='flow/hotline/entry']").selectOption("new:hours"); // opening hours before the menu
    assertThat(page.locator("[data-path='flow/hotline/steps/hours-1/schedule']")).hasValue("office");
    page.locator("[data-path='flow/hotline/steps/hours-1/closed']").selectOption("voicemail-1");
    assertThat(page.locator("#ivr-status")).hasText("Every path reaches a human or a voicemail.");
    assertThat(page.locator("#ivr-tree [data-bad='true']")).hasCount(0);
    for (String step : List.of("hours-1", "menu", "queue-1", "queue-2", "voicemail-1", "queue")) {
      assertThat(treeStep(page, step)).isVisible();
    }
    // "Test this flow": the routing engine walks the draft; key 2 now (the office is open) joins support.
    page.locator("#sim-digits").fill("2");
    page.locator("#sim-run").click();
    assertThat(page.locator("#sim-outcome")).containsText("queue-2");
    assertThat(page.locator("#sim-result")).containsText("joins queue support");
    saveWithDiff(page);
    assertThat(getJson("/api/config/flow/hotline", token).getLong("version")).isEqualTo(1L);

    // The number: on the trunk, running the hotline. The trunk carries it without a second edit.
    page.locator("#nav-numbers").click();
    page.locator("#new-number").fill(NUMBER);
    page.locator("#new-number-flow").selectOption("hotline");
    page.locator("#new-number-trunk").selectOption("carrier");
    page.locator("#add-number-button").click();
    page.locator("#numbers-save").click();
    page.locator("#diff-ok").click();
    assertThat(page.locator("#status")).containsText("Saved");
    // The gateway reloads its trunks on its own context, just after the save.
    Await.until(() -> server.sipState().getJsonArray("trunks").getJsonObject(0).getJsonArray("dids").getList()
        .contains(NUMBER), Duration.ofSeconds(5), "the trunk carries " + NUMBER);
    page.locator("#nav-trunks").click();
    page.locator(".console-doc[data-id='carrier']").click();
    assertThat(page.locator("#trunk-numbers")).hasText(NUMBER);
    assertThat(page.locator("main").innerText()).doesNotContain("{\"").doesNotContain("\":");

    // A change that leaves key 4 without a human is refused; the tree marks the path red.
    page.locator("#nav-ivr").click();
    page.locator(".console-doc[data-id='hotline']").click();
    treeStep(page, "menu").click();
    addOption(page, "hangup"); // key 4: the caller is hung up on
    assertThat(page.locator("#ivr-tree [data-step='hangup-1'][data-bad='true']")).isVisible();
    assertThat(page.locator("#ivr-status")).containsText("cannot reach a human");
    page.locator("#doc-save").click();
    page.locator("#diff-ok").click();
    assertThat(page.locator("#status")).containsText("The server refused the change");
    assertThat(page.locator("#ivr-tree [data-step='hangup-1'][data-bad='true']")).isVisible();
    shot(page, "ivr-0-refused-red-en");
    assertThat(getJson("/api/config/flow/hotline", token).getLong("version")).isEqualTo(1L);

    // A valid change (key 2 to sales) is saved, then rolled back: key 2 is support again.
    page.locator("#dirty-discard").click();
    page.locator("#confirm-ok").click();
    treeStep(page, "queue-2").click();
    page.locator("[data-path='flow/hotline/steps/queue-2/queue']").selectOption("sales");
    saveWithDiff(page);
    assertThat(getJson("/api/config/flow/hotline", token).getLong("version")).isEqualTo(2L);
    page.locator("#versions tr[data-version='1'] button").click();
    page.locator("#confirm-ok").click();
    assertThat(page.locator("#status")).containsText("version 1");
    JsonObject rolledBack = getJson("/api/config/flow/hotline", token);
    assertThat(rolledBack.getString("action")).isEqualTo("rollback to 1");
    assertThat(rolledBack.getJsonObject("document").getJsonObject("steps").getJsonObject("queue-2")
        .getString("queue")).isEqualTo("support");
    shot(page, "ivr-1-tree-en");
    page.selectOption("#language", "uk");
    assertThat(page.locator("#nav-ivr")).hasText("IVR і сценарії дзвінка");
    shot(page, "ivr-2-tree-uk");

    // The call: SIPp dials the new number, presses 2; Anna (support) answers and hears the caller's tone.
    Path tone = ToneFile.write(dataDir.resolve("caller-1khz.ulaw"), 1000, 30);
    try (JavaAgent anna = new JavaAgent(vertx, server.httpPort());
        JavaAgent boris = new JavaAgent(vertx, server.httpPort())) {
      anna.login("anna", "anna-password");
      anna.ready();
      boris.login("boris", "boris-password");
      boris.ready();
      try (SippCaller caller = SippCaller.call("caller-presses-digit-then-talks.xml", server.sipPort(), NUMBER,
          "+4930777010", tone, 4000, Map.of("@DTMF@", SippCaller.dtmfPcap('2')), dataDir)) {
        JsonObject offer = anna.await("call.offer", Duration.ofSeconds(30));
        assertThat(offer.getJsonObject("queue").getString("id")).as("key 2 is support").isEqualTo("support");
        anna.command(new JsonObject().put("type", "call.answer").put("callId", offer.getString("callId")));
        anna.media().awaitTone(1000, 0.6, Duration.ofSeconds(5)).get();
        assertThat(caller.awaitExit(Duration.ofSeconds(30))).as(caller.report()).isZero();
        JsonObject record = awaitCallRecord(offer.getString("callId"));
        assertThat(record.getString("outcome")).isEqualTo("answered");
        assertThat(record.getJsonObject("routing").getString("flow")).isEqualTo("hotline");
      }
      boris.ready();
      assertThat(boris.seen()).noneMatch(f -> "call.offer".equals(f.getString("type")));
    }
  }

  private static Locator treeStep(Page page, String step) {
    return page.locator("#ivr-tree button[data-step='" + step + "']").first();
  }

  private static void addOption(Page page, String type) {
    page.locator("#ivr-option-type").selectOption(type);
    page.locator("#ivr-add-option").click();
  }

  private static void addAgent(Page page, String id, String name, String skill, String level, String queue) {
    page.locator("#new-agent").fill(id);
    page.locator("#create-agent").click();
    set(page, "[data-path='agent/" + id + "/name']", name);
    page.locator("#new-skill").fill(skill);
    page.locator("#new-skill-level").selectOption(level);
    page.locator("#add-skill").click();
    page.locator("#serve-" + queue).check();
    saveWithDiff(page);
  }

  private static void addUser(Page page, String id, String username, String name, String password) {
    page.locator("#user-new").click();
    page.locator("#user-id").fill(id);
    page.locator("#user-username").fill(username);
    page.locator("#user-name").fill(name);
    page.locator("#user-password").fill(password);
    page.locator("#user-save").click();
    page.locator("#confirm-ok").click();
    assertThat(page.locator("#status")).hasText("User " + username + " saved.");
  }

  private static void saveWithDiff(Page page) {
    page.locator("#doc-save").click();
    assertThat(page.locator("#diff")).isVisible();
    page.locator("#diff-ok").click();
    assertThat(page.locator("#status")).containsText("Saved");
    assertThat(page.locator("#dirty")).isHidden();
  }

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
