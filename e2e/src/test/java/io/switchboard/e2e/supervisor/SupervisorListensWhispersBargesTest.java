package io.switchboard.e2e.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Browser;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.ToneWav;
import io.switchboard.e2e.calls.JavaAgent;
import io.switchboard.e2e.calls.Wav;
import io.switchboard.media.testpeer.Await;
import io.switchboard.media.testpeer.Goertzel;
import io.switchboard.media.testpeer.RtpTestPeer;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.Passwords;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Listen, whisper and barge with real peers: SIPp is the carrier (its media a Java RTP peer streaming 1 kHz, so what
 * the caller's side receives can be analysed), the agent speaks 440 Hz over WebRTC, and the supervisor is Debian's
 * Chromium on monitor.html with a 660 Hz microphone. Each mode is checked by tone at all three: who must hear the
 * supervisor, and who must not.
 */
class SupervisorListensWhispersBargesTest extends RunningServerTest {
  private static final String DID = "+4930555000";
  private static final String CALLER = "+4930123456";
  /** A tone that shares the window with one or two others still stands well above this. */
  private static final double HEARD = 0.15;
  private static final double NOT_HEARD = 0.05;
  /** About the level of the other two voices (8000 of 32767), so that in a mix of two each has about half. */
  private static final double SUPERVISOR_AMPLITUDE = 0.25;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true", "--calls.ring-timeout-seconds=20");
  }

  @Test
  void listenWhisperBarge_eachSideHearsExactlyWhatItsModeSays_andTheCallGoesOnAfterTheSupervisorLeaves()
      throws Exception {
    Browser browser = FakeMicrophoneChromium.launch(playwright,
        ToneWav.write(dataDir, 660, SUPERVISOR_AMPLITUDE));
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      MonitorPage sam = new MonitorPage(browser.newPage());
      sam.open(baseUrl(), "uk");
      sam.signIn("sam", "sam-demo");
      sam.awaitConnected();

      alice.login("alice", "alice-demo");
      alice.ready();
      try (CallerWithJavaMedia caller = CallerWithJavaMedia.call(server.sipPort(), DID, CALLER, dataDir)) {
        RtpTestPeer callerMedia = caller.media();
        String callId = answerAndTalk(alice, caller);

        // The call appears in the supervisor's list by itself (monitor.calls is pushed).
        sam.row(callId).waitFor();

        // Listen: the supervisor hears both; nobody hears the supervisor.
        sam.choose(callId, "listen");
        sam.awaitHearing(List.of(1000, 440), HEARD);
        sam.screenshot("listening");
        assertThat(maxOver(alice, 50, () -> alice.media().toneLevel(660))).as("agent hears 660 Hz in listen")
            .isLessThan(NOT_HEARD);
        assertThat(maxOver(alice, 10, () -> callerMedia.toneLevel(660))).as("caller hears 660 Hz in listen")
            .isLessThan(NOT_HEARD);
        assertThat(alice.media().toneLevel(1000)).as("the agent still hears the caller").isGreaterThan(0.6);

        // Whisper, by keyboard: Tab from Listen to Whisper, Enter. The agent hears the supervisor too; the caller not.
        assertThat(sam.row(callId).locator(".call-monitor__whisper").textContent()).isEqualTo("Підказати");
        sam.row(callId).locator(".call-monitor__listen").focus();
        sam.page().keyboard().press("Tab");
        assertThat(sam.page().evaluate("() => document.activeElement.dataset.mode")).isEqualTo("whisper");
        sam.page().keyboard().press("Enter");
        sam.awaitState("s.current !== null && s.current.mode === 'whisper'");
        alice.media().awaitTone(660, HEARD, Duration.ofSeconds(10)).get();
        alice.media().awaitTone(1000, HEARD, Duration.ofSeconds(5)).get(); // and the caller, while coached
        assertThat(maxOver(alice, 50, () -> callerMedia.toneLevel(660))).as("caller hears 660 Hz in whisper")
            .isLessThan(NOT_HEARD);
        sam.awaitHearing(List.of(1000, 440), HEARD);

        // Barge: all three hear each other; the supervisor never hears their own voice.
        sam.choose(callId, "barge");
        callerMedia.awaitTone(660, HEARD, Duration.ofSeconds(10)).get();
        alice.media().awaitTone(660, HEARD, Duration.ofSeconds(10)).get();
        callerMedia.awaitTone(440, HEARD, Duration.ofSeconds(5)).get(); // and still the agent
        sam.awaitHearing(List.of(1000, 440), HEARD);
        assertThat(sam.toneLevel(660)).as("the supervisor's own voice").isLessThan(NOT_HEARD);
        sam.screenshot("barging");

        // Leave: the call goes on as a plain two-party call.
        sam.choose(callId, "leave");
        Await.until(() -> callerMedia.toneLevel(660) < NOT_HEARD && alice.media().toneLevel(660) < NOT_HEARD,
            Duration.ofSeconds(10), "the supervisor gone from both sides");
        alice.media().awaitTone(1000, 0.6, Duration.ofSeconds(10)).get();
        callerMedia.awaitTone(440, 0.6, Duration.ofSeconds(10)).get();

        alice.command(new JsonObject().put("type", "call.hangup").put("callId", callId));
        assertThat(caller.sipp().awaitExit(Duration.ofSeconds(20))).as(caller.sipp().report()).isZero();

        JsonObject record = awaitCallRecord(callId);
        List<String> events = record.getJsonArray("timeline").stream()
            .map(e -> ((JsonObject) e).getString("event")).toList();
        assertThat(events).containsSubsequence("answered", "supervisor_joined", "supervisor_mode", "supervisor_mode",
            "supervisor_left", "ended");
        List<JsonObject> audit = await(server.store().audit(callId, 20));
        assertThat(audit).extracting(e -> e.getString("action"))
            .containsExactlyInAnyOrder("monitor.join", "monitor.mode", "monitor.mode", "monitor.leave");
        assertThat(audit).allSatisfy(e -> {
          assertThat(e.getJsonObject("who").getString("username")).isEqualTo("sam");
          assertThat(e.getString("target")).isEqualTo("a-alice");
        });
        // The recording keeps the caller and the agent only.
        short[][] channels = Wav.readStereo(dataDir.resolve("recordings")
            .resolve(record.getJsonObject("recording").getString("file")));
        assertThat(Wav.level(channels[0], 1000)).as("caller (left) 1 kHz").isGreaterThan(0.6);
        assertThat(Wav.level(channels[1], 440)).as("agent (right) 440 Hz").isGreaterThan(0.6);
        for (short[] channel : channels) {
          assertThat(Goertzel.relativePower(channel, channel.length, 660, 8000)).as("660 Hz in the recording")
              .isLessThan(NOT_HEARD);
        }
      }
    } finally {
      browser.close();
    }
  }

  @Test
  void aSupervisorOfAnotherGroupIsForbidden_andTheCallEndingEndsTheSupervision() throws Exception {
    // Olga supervises Lviv, a group alice is not in.
    AgentAccount olgaAccount = new AgentAccount("a-olga", "olga", "Olga Koval", Passwords.hash("olga-demo"),
        List.of(AgentAccount.SUPERVISOR));
    await(server.store().saveAgent(olgaAccount));
    putConfig("group", "g-lviv", new JsonObject().put("name", "Lviv").put("members", new JsonArray())
        .put("supervisors", new JsonArray().add("a-olga")));

    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort());
        JavaAgent olga = new JavaAgent(vertx, server.httpPort());
        JavaAgent sam = new JavaAgent(vertx, server.httpPort())) {
      assertThat(olga.login("olga", "olga-demo").getString("state")).isEqualTo("supervisor");
      sam.login("sam", "sam-demo");
      alice.login("alice", "alice-demo");
      alice.ready();
      try (CallerWithJavaMedia caller = CallerWithJavaMedia.call(server.sipPort(), DID, CALLER, dataDir)) {
        String callId = answerAndTalk(alice, caller);

        assertThatThrownBy(() -> olga.command(monitor("monitor.start", callId).put("mode", "listen")))
            .hasMessageContaining("\"code\":\"forbidden\"");
        assertThatThrownBy(() -> olga.command(monitor("monitor.start", "c-nonexistent").put("mode", "listen")))
            .hasMessageContaining("\"code\":\"no_such_call\"");
        // An agent is not a supervisor's desk.
        assertThatThrownBy(() -> alice.command(monitor("monitor.start", callId).put("mode", "listen")))
            .hasMessageContaining("\"code\":\"not_allowed\"");

        sam.command(monitor("monitor.start", callId).put("mode", "listen"));
        assertThat(sam.await("monitor.state", Duration.ofSeconds(5)).getString("mode")).isEqualTo("listen");
        sam.media().awaitTone(1000, HEARD, Duration.ofSeconds(10)).get();

        alice.command(new JsonObject().put("type", "call.hangup").put("callId", callId));
        JsonObject out = sam.await("monitor.state", Duration.ofSeconds(10));
        assertThat(out.getValue("mode")).isNull();
        assertThat(out.getString("reason")).isEqualTo("call_ended");
        assertThat(caller.sipp().awaitExit(Duration.ofSeconds(20))).as(caller.sipp().report()).isZero();
        List<String> actions = await(server.store().audit(callId, 20)).stream().map(e -> e.getString("action"))
            .toList();
        assertThat(actions).containsExactlyInAnyOrder("monitor.join", "monitor.leave");
        // The admins' audit API shows them with the agent and the mode.
        JsonArray items = getJson("/api/audit?callId=" + callId, loginToken("sam", "sam-demo")).getJsonArray("items");
        JsonObject join = items.stream().map(JsonObject.class::cast)
            .filter(e -> "monitor.join".equals(e.getString("action"))).findFirst().orElseThrow();
        assertThat(join.getString("target")).isEqualTo("a-alice");
        assertThat(join.getJsonObject("details").getString("mode")).isEqualTo("listen");
        assertThat(join.getJsonObject("by").getString("username")).isEqualTo("sam");
      }
    }
  }

  /** The agent answers the ringing call; caller (1 kHz) and agent (440 Hz) talk and hear each other. */
  private static String answerAndTalk(JavaAgent agent, CallerWithJavaMedia caller) throws Exception {
    String callId = agent.await("call.offer", Duration.ofSeconds(15)).getString("callId");
    agent.command(new JsonObject().put("type", "call.answer").put("callId", callId));
    agent.media().startTone(440);
    caller.talk(1000);
    agent.media().awaitTone(1000, 0.6, Duration.ofSeconds(10)).get();
    caller.media().awaitTone(440, 0.6, Duration.ofSeconds(10)).get();
    return callId;
  }

  static JsonObject monitor(String type, String callId) {
    return new JsonObject().put("type", type).put("callId", callId);
  }

  /** The highest a level reaches while the agent sends {@code packets} more packets (20 ms each). */
  static double maxOver(JavaAgent agent, int packets, DoubleSupplier level) {
    return maxOver(agent.media()::rtpSent, packets, level);
  }

  /** The highest a level reaches while a peer's packet counter moves on by {@code packets} (20 ms each). */
  static double maxOver(java.util.function.LongSupplier counter, int packets, DoubleSupplier level) {
    long until = counter.getAsLong() + packets;
    double max = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (counter.getAsLong() < until && System.nanoTime() < deadline) {
      max = Math.max(max, level.getAsDouble());
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // the sampling interval of the measurement
    }
    return max;
  }

  private void putConfig(String kind, String id, JsonObject document) throws Exception {
    String token = loginToken("sam", "sam-demo");
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/api/config/" + kind + "/" + id))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(document.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
  }
}
