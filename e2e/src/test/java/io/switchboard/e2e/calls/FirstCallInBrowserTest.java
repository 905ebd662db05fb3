package io.switchboard.e2e.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.ToneWav;
import io.switchboard.e2e.agent.AgentDesktopPage;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The heart of the product, as a person uses it: SIPp calls the hotline as the carrier, streaming 1 kHz; an agent in
 * Debian's Chromium (fake microphone: 440 Hz) signs in on the agent desktop, goes Ready, sees the call ring and
 * answers it in the page. The browser must hear 1 kHz, the recording must hold the caller on the left and the agent
 * on the right, and the history record must be in MongoDB.
 */
class FirstCallInBrowserTest extends RunningServerTest {
  private static final String DID = "+4930555000";
  private static final String CALLER = "+4930123456";
  /** Where the measured answer-to-audio time is written, for the closing note and docs. */
  private static final Path MEASUREMENTS = Path.of("target", "answer-latency.txt");

  private Browser browser;
  private AgentDesktopPage agent;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true", "--calls.ring-timeout-seconds=20");
  }

  @BeforeEach
  void agentSignsIn() throws Exception {
    browser = FakeMicrophoneChromium.launch(playwright, ToneWav.write(dataDir, 440));
    agent = new AgentDesktopPage(browser.newPage());
    agent.open(baseUrl(), "en");
    agent.signIn("alice", "alice-demo");
    agent.awaitState("s.media === 'connected'");
    agent.awaitDtlsConnected();
    agent.page().locator("#go-ready").click();
    agent.awaitState("s.agentState === 'ready'");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void agentAnswersInTheBrowser_hearsTheCaller_recordingAndHistoryAreRight_callerHangsUp() throws Exception {
    Path tone = ToneFile.write(dataDir.resolve("caller.ulaw"), 1000, 30);
    try (SippCaller caller = SippCaller.call("caller-talks-then-hangs-up.xml", server.sipPort(), DID, CALLER, tone,
        5000, dataDir)) {
      agent.awaitState("s.ringing !== null");
      @SuppressWarnings("unchecked")
      Map<String, Object> ringing = (Map<String, Object>) agent.state().get("ringing");
      assertThat(ringing.get("from")).isEqualTo(CALLER);

      // Click Answer in the page and time how long until the first caller packet and the tone arrive there.
      @SuppressWarnings("unchecked")
      Map<String, Object> timing = (Map<String, Object>) agent.page().evaluate("async () => {"
          + "  const before = (await window.agentDesk.stats()).packetsReceived || 0;"
          + "  const t0 = performance.now();"
          + "  document.querySelector('#answer').click();"
          + "  let firstPacket = null;"
          + "  while (performance.now() - t0 < 10000) {"
          + "    if (firstPacket === null && ((await window.agentDesk.stats()).packetsReceived || 0) > before) {"
          + "      firstPacket = performance.now() - t0; }"
          + "    if (window.agentDesk.toneLevel(1000) > 0.6) {"
          + "      return { firstPacketMs: firstPacket, toneMs: performance.now() - t0 }; }"
          + "    await new Promise(r => setTimeout(r, 5));"
          + "  }"
          + "  return { firstPacketMs: firstPacket, toneMs: null };"
          + "}");
      assertThat(timing.get("toneMs")).as("the browser hears the caller's 1 kHz").isNotNull();
      Files.createDirectories(MEASUREMENTS.getParent());
      Files.writeString(MEASUREMENTS, "answer click -> first caller packet: " + timing.get("firstPacketMs")
          + " ms; -> 1 kHz detected (200 ms window): " + timing.get("toneMs") + " ms\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      assertThat(agent.toneLevel(440)).isLessThan(AgentDesktopPage.NOT_HEARD);
      String callId = (String) ringing.get("callId");

      agent.awaitState("s.call === null && s.lastEnded !== null");
      @SuppressWarnings("unchecked")
      Map<String, Object> ended = (Map<String, Object>) agent.state().get("lastEnded");
      assertThat(ended.get("by")).isEqualTo("caller");
      assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();

      JsonObject record = awaitCallRecord(callId);
      assertThat(record.getString("outcome")).isEqualTo("answered");
      assertThat(record.getJsonObject("agent").getString("username")).isEqualTo("alice");
      assertThat(record.getString("from")).isEqualTo(CALLER);
      for (String at : List.of("arrivedAt", "queuedAt", "offeredAt", "answeredAt", "endedAt")) {
        assertThat(record.getValue(at)).as(at).isNotNull();
      }
      Path wav = dataDir.resolve("recordings").resolve(record.getJsonObject("recording").getString("file"));
      short[][] channels = Wav.readStereo(wav);
      assertThat(Wav.level(channels[0], 1000)).as("caller on the left: 1 kHz").isGreaterThan(0.6);
      assertThat(Wav.level(channels[1], 440)).as("agent on the right: 440 Hz").isGreaterThan(0.6);
      agent.awaitState("s.agentState === 'ready'");
    }
  }

  @Test
  void agentHangsUpInTheBrowser_callerReceivesBye() throws Exception {
    Path tone = ToneFile.write(dataDir.resolve("caller.ulaw"), 1000, 30);
    try (SippCaller caller = SippCaller.call("caller-expects-bye-from-the-agent.xml", server.sipPort(), DID,
        CALLER, tone, 0, dataDir)) {
      agent.awaitState("s.ringing !== null");
      agent.page().locator("#answer").click();
      agent.awaitHearing(1000);
      agent.page().locator("#hangup").click();

      assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
      agent.awaitState("s.call === null && s.lastEnded !== null && s.lastEnded.by === 'agent'");
    }
  }

  @Test
  void callerAbandonsWhileTheBrowserRings_ringingStops() throws Exception {
    Path tone = ToneFile.write(dataDir.resolve("caller.ulaw"), 1000, 30);
    try (SippCaller caller = SippCaller.call("caller-abandons-while-queued.xml", server.sipPort(), DID, CALLER,
        tone, 3000, dataDir)) {
      agent.awaitState("s.ringing !== null && s.ringtone === true");
      agent.awaitState("s.ringing === null && s.ringtone === false && s.agentState === 'ready'");
      assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
    }
  }

}
