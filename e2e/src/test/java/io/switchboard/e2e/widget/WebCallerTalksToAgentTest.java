package io.switchboard.e2e.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.ToneWav;
import io.switchboard.e2e.agent.AgentDesktopPage;
import io.switchboard.e2e.calls.Wav;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The click-to-call widget end to end, with two people in two Debian Chromium processes: a visitor on the demo shop
 * (another origin than the server's pages; fake microphone 1 kHz) calls from the widget, goes through the hotline's
 * menu with the widget's keypad (RFC 4733 from RTCDTMFSender), and an agent (fake microphone 440 Hz) answers on the
 * agent desktop. Each must hear the other's tone, the recording must hold the visitor left and the agent right, and
 * the history record must say it came from the web.
 */
class WebCallerTalksToAgentTest extends RunningServerTest {
  private static final String VISITOR_NUMBER = "+4930123456"; // the demo's known customer: their card shows

  private Browser agentBrowser;
  private Browser visitorBrowser;
  private AgentDesktopPage agent;
  private WidgetPage visitor;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true", "--calls.ring-timeout-seconds=20");
  }

  @BeforeEach
  void agentReadyAndVisitorOnTheShop() throws Exception {
    agentBrowser = FakeMicrophoneChromium.launch(playwright, ToneWav.write(dataDir, 440));
    agent = new AgentDesktopPage(agentBrowser.newPage());
    agent.open(baseUrl(), "en");
    agent.signIn("alice", "alice-demo");
    agent.awaitState("s.media === 'connected'");
    agent.awaitDtlsConnected();
    agent.page().locator("#go-ready").click();
    agent.awaitState("s.agentState === 'ready'");

    visitorBrowser = FakeMicrophoneChromium.launch(playwright, ToneWav.write(dataDir, 1000));
    visitor = new WidgetPage(visitorBrowser.newPage());
    visitor.open("http://localhost:" + server.demoShopPort() + "/demo-shop.html");
  }

  @AfterEach
  void closeBrowsers() {
    if (visitorBrowser != null) {
      visitorBrowser.close();
    }
    if (agentBrowser != null) {
      agentBrowser.close();
    }
  }

  /** Calls, hears the menu, presses 2 (Support) and waits for the agent's ring. Returns the call id. */
  private String visitorCallsAndChoosesSupport() {
    visitor.openPanel();
    visitor.part("name").fill("Olena");
    visitor.part("number").fill(VISITOR_NUMBER);
    visitor.call();
    visitor.awaitState("s.state === 'ringing'");
    visitor.awaitMediaConnected();
    visitor.awaitSound(-45); // the hotline's menu prompt
    visitor.press("2");
    visitor.awaitState("s.seen.includes('queued')");
    agent.awaitState("s.ringing !== null");
    return (String) visitor.state().get("callId");
  }

  @Test
  void visitorCallsFromTheShop_agentAnswers_bothHearEachOther_recordSaysWeb_visitorHangsUp() throws Exception {
    String callId = visitorCallsAndChoosesSupport();
    @SuppressWarnings("unchecked")
    Map<String, Object> ringing = (Map<String, Object>) agent.state().get("ringing");
    assertThat(ringing.get("callId")).isEqualTo(callId);
    assertThat(ringing.get("from")).as("the number the visitor typed").isEqualTo(VISITOR_NUMBER);
    // The caller card works for web callers too: the number they typed is the demo's known customer.
    com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(agent.page().locator("#customer-name"))
        .hasText("ТОВ Ромашка / Romashka LLC");

    agent.page().locator("#answer").click();
    visitor.awaitState("s.state === 'connected'");
    agent.awaitHearing(1000);
    visitor.awaitHearing(440);
    assertThat(visitor.part("timer").isVisible()).isTrue();

    visitor.part("hangup").click();
    agent.awaitState("s.call === null && s.lastEnded !== null && s.lastEnded.by === 'caller'");
    visitor.awaitState("s.state === 'ended'");

    JsonObject record = awaitCallRecord(callId);
    assertThat(record.getString("channel")).isEqualTo("web");
    assertThat(record.getString("outcome")).isEqualTo("answered");
    assertThat(record.getString("hungUpBy")).isEqualTo("caller");
    JsonObject web = record.getJsonObject("web");
    assertThat(web.getString("entry")).isEqualTo("shop");
    assertThat(web.getString("page")).endsWith("/demo-shop.html");
    assertThat(web.getString("origin")).isEqualTo("http://localhost:" + server.demoShopPort());
    assertThat(web.getString("name")).isEqualTo("Olena");
    assertThat(web.getString("number")).isEqualTo(VISITOR_NUMBER);
    assertThat(record.getJsonObject("agent").getString("username")).isEqualTo("alice");
    assertThat(dtmfFromCaller(record.getJsonArray("timeline"))).as("the keypad reached the menu").contains("2");

    Path wav = dataDir.resolve("recordings").resolve(record.getJsonObject("recording").getString("file"));
    short[][] channels = Wav.readStereo(wav);
    assertThat(Wav.level(channels[0], 1000)).as("visitor on the left: 1 kHz").isGreaterThan(0.6);
    assertThat(Wav.level(channels[1], 440)).as("agent on the right: 440 Hz").isGreaterThan(0.6);
  }

  @Test
  void agentHangsUpFirst_visitorRatesTheCallOnTheWidgetKeypad_ratingIsStored() throws Exception {
    String callId = visitorCallsAndChoosesSupport();
    agent.page().locator("#answer").click();
    visitor.awaitState("s.state === 'connected'");
    agent.awaitHearing(1000);

    agent.page().locator("#hangup").click();
    visitor.awaitState("s.state === 'survey'");
    visitor.awaitSound(-45); // the survey's question
    visitor.press("5");
    visitor.awaitState("s.state === 'ended'");

    JsonObject record = awaitCallRecord(callId);
    assertThat(record.getString("channel")).isEqualTo("web");
    assertThat(record.getJsonObject("csat")).as(record.encodePrettily()).isNotNull();
    assertThat(record.getJsonObject("csat").getInteger("score")).isEqualTo(5);
    assertThat(record.getJsonObject("csat").getString("agentId")).isEqualTo("a-alice");
  }

  private static List<String> dtmfFromCaller(JsonArray timeline) {
    return timeline.stream().map(JsonObject.class::cast)
        .filter(e -> "dtmf".equals(e.getString("event")) && "caller".equals(e.getString("from")))
        .map(e -> e.getString("digit")).toList();
  }
}
