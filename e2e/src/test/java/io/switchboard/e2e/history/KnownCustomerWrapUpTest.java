package io.switchboard.e2e.history;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.ToneWav;
import io.switchboard.e2e.agent.AgentDesktopPage;
import io.switchboard.e2e.calls.SippCaller;
import io.switchboard.e2e.calls.ToneFile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's acceptance, as people use it: the demo's known customer calls the hotline (SIPp as the carrier), the
 * agent in Chromium sees their card while it rings, answers, the caller hangs up, and the agent saves a wrap-up with
 * a disposition and a new priority-2 incident. Then the call (with its disposition) and the incident are in the
 * customer's history: in the API and on the customer's page, opened by a supervisor in another tab.
 */
class KnownCustomerWrapUpTest extends RunningServerTest {
  private static final String DID = "+4930555000";
  private static final String KNOWN = "+4930123456";
  private static final String CUSTOMER_ID = "cu-demo-romashka";
  private static final String INCIDENT_TITLE = "Kyiv office: half the lines are down";

  private Browser browser;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true", "--calls.ring-timeout-seconds=20");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void knownCustomerCalls_agentSeesTheCard_wrapsUpWithAnIncident_bothAreInTheCustomersHistory() throws Exception {
    browser = FakeMicrophoneChromium.launch(playwright, ToneWav.write(dataDir, 440));
    AgentDesktopPage agent = new AgentDesktopPage(browser.newPage());
    agent.open(baseUrl(), "en");
    agent.signIn("alice", "alice-demo");
    agent.awaitState("s.media === 'connected'");
    agent.awaitDtlsConnected();
    agent.page().locator("#go-ready").click();
    agent.awaitState("s.agentState === 'ready'");
    Page desk = agent.page();

    Path tone = ToneFile.write(dataDir.resolve("caller.ulaw"), 1000, 30);
    String callId;
    try (SippCaller caller = SippCaller.call("caller-talks-then-hangs-up.xml", server.sipPort(), DID, KNOWN, tone,
        4000, dataDir)) {
      agent.awaitState("s.ringing !== null");
      @SuppressWarnings("unchecked")
      Map<String, Object> ringing = (Map<String, Object>) agent.state().get("ringing");
      callId = (String) ringing.get("callId");
      // The card, while it rings: who, segment, manager, the open incident of the demo.
      assertThat(desk.locator("#customer-card")).isVisible();
      assertThat(desk.locator("#customer-name")).hasText("ТОВ Ромашка / Romashka LLC");
      assertThat(desk.locator("#customer-badges")).containsText("key account");
      assertThat(desk.locator("#customer-manager")).hasText("Alice Smith");
      assertThat(desk.locator("#customer-incidents li")).hasCount(1);
      assertThat(desk.locator("#customer-incidents")).containsText("P2");
      assertThat(desk.locator("#customer-history-link")).hasAttribute("href",
          java.util.regex.Pattern.compile("customer\\.html\\?id=" + CUSTOMER_ID));
      agent.screenshot("history-1-ringing-card");

      desk.locator("#answer").click();
      agent.awaitHearing(1000);
      // The caller hangs up after their pause: the form opens for this call.
      agent.awaitState("s.call === null && s.wrapUp === '" + callId + "'");
      assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
    }

    assertThat(desk.locator("#wrap-up")).isVisible();
    assertThat(desk.locator("#customer-name")).hasText("ТОВ Ромашка / Romashka LLC");
    desk.selectOption("#wrap-up-disposition", "complaint");
    desk.locator("#wrap-up-notes").fill("Half of the office lines are silent since the morning.");
    desk.locator("#wrap-up-fcr").uncheck();
    desk.locator("label:has(input[name='incident-mode'][value='create'])").click();
    desk.selectOption("#wrap-up-priority", "2");
    assertThat(desk.locator("#wrap-up-priority option:checked")).hasText("Priority 2, partial outage");
    desk.locator("#wrap-up-title").fill(INCIDENT_TITLE);
    desk.locator("#wrap-up-description").fill("Reported by phone; lines 3–8 give no dial tone.");
    agent.screenshot("history-2-wrap-up");
    desk.locator("#wrap-up-save").click();
    agent.awaitState("s.wrapUp === null && s.agentState === 'ready'");
    assertThat(desk.locator("#notices")).containsText("Wrap-up saved.");

    // The API: the call with its wrap-up, and the new incident linked to it and to the customer.
    JsonObject record = awaitCallRecord(callId);
    assertThat(record.getString("outcome")).isEqualTo("answered");
    String token = loginToken("sam", "sam-demo");
    JsonObject history = getJson("/api/customers/" + CUSTOMER_ID + "/history", token);
    JsonObject call = history.getJsonArray("calls").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals(callId)).findFirst().orElseThrow();
    JsonObject wrapUp = call.getJsonObject("wrapUp");
    assertThat(wrapUp.getString("disposition")).isEqualTo("complaint");
    assertThat(wrapUp.getBoolean("firstContactResolution")).isFalse();
    assertThat(wrapUp.getJsonObject("by").getString("id")).isEqualTo("a-alice");
    String incidentId = wrapUp.getString("incidentId");
    JsonObject incident = history.getJsonArray("incidents").stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("id").equals(incidentId)).findFirst().orElseThrow();
    assertThat(incident.getInteger("priority")).isEqualTo(2);
    assertThat(incident.getString("title")).isEqualTo(INCIDENT_TITLE);
    assertThat(incident.getString("customerId")).isEqualTo(CUSTOMER_ID);
    assertThat(incident.getJsonArray("callIds")).containsExactly(callId);
    JsonArray byNumber = getJson("/api/calls?number=%2B4930123456", token).getJsonArray("items");
    assertThat(byNumber.getJsonObject(0).getString("id")).isEqualTo(callId);
    assertThat(byNumber.getJsonObject(0).getJsonObject("wrapUp").getString("disposition")).isEqualTo("complaint");

    // The UI: the customer's page in another tab, for a supervisor (the tab has no token yet: it asks to sign in).
    Page page = browser.newPage();
    page.navigate(baseUrl() + "/customer.html?id=" + CUSTOMER_ID + "&lang=en");
    page.locator("#username").fill("sam");
    page.locator("#password").fill("sam-demo");
    page.locator("#signin-form button[type=submit]").click();
    assertThat(page.locator("#customer-name")).hasText("ТОВ Ромашка / Romashka LLC");
    assertThat(page.locator("#customer-manager")).hasText("Alice Smith");
    Locator callRow = page.locator("#calls tr[data-call-id='" + callId + "']");
    assertThat(callRow).containsText("Complaint");
    assertThat(callRow).containsText("Half of the office lines are silent since the morning.");
    assertThat(callRow).containsText("Alice Smith");
    assertThat(callRow).containsText("Answered");
    assertThat(callRow.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Play"))).isVisible();
    Locator incidentRow = page.locator("#incidents tr[data-incident-id='" + incidentId + "']");
    assertThat(incidentRow).containsText(INCIDENT_TITLE);
    assertThat(incidentRow).containsText("P2");
    assertThat(incidentRow).containsText("Open");
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "history-3-customer-page.png"))
        .setFullPage(true));

    // The customers list finds them by number and links to the same page.
    page.navigate(baseUrl() + "/customers.html?lang=en");
    page.locator("#search-number").fill("+49 30 123456");
    page.locator("#search button[type=submit]").click();
    assertThat(page.locator("#customers tbody tr")).hasCount(1);
    assertThat(page.locator("#customers tbody tr")).containsText(KNOWN);
    page.locator("#customers tbody a").click();
    assertThat(page.locator("#calls tr[data-call-id='" + callId + "']")).containsText("Complaint");

    // Once the customer has called a queue that masks numbers, an agent's customers list shows the last digits
    // only (as the calls list and the customer's history do); the supervisor above saw the number whole.
    await(server.store().saveCall(new JsonObject().put("_id", "c-masked").put("from", KNOWN).put("to", DID)
        .put("outcome", "answered").put("maskNumbers", true)
        .put("arrivedAt", new JsonObject().put("$date", "2026-03-07T08:00:00Z"))));
    Page agentsList = browser.newContext().newPage();
    agentsList.navigate(baseUrl() + "/customers.html?lang=en");
    agentsList.locator("#username").fill("bob");
    agentsList.locator("#password").fill("bob-demo");
    agentsList.locator("#signin-form button[type=submit]").click();
    agentsList.locator("#search-number").fill("+49 30 123456");
    agentsList.locator("#search button[type=submit]").click();
    assertThat(agentsList.locator("#customers tbody tr")).hasCount(1);
    assertThat(agentsList.locator("#customers tbody tr")).containsText("•••••••3456");
    assertThat(agentsList.locator("#customers tbody tr")).not().containsText(KNOWN);

    // Russian too, from the language switch.
    page.selectOption("#language", "ru");
    assertThat(callRow).containsText("Жалоба");
    assertThat(page.locator("#calls-heading")).hasText("Звонки");
  }
}
