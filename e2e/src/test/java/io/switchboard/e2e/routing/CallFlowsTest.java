package io.switchboard.e2e.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.calls.JavaAgent;
import io.switchboard.e2e.calls.SippCaller;
import io.switchboard.e2e.calls.ToneFile;
import io.switchboard.e2e.calls.Wav;
import io.switchboard.media.prompt.Prompts;
import io.switchboard.media.testpeer.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Call flows end to end (issue 4): SIPp is the carrier, pressing keys as RFC 4733 events from Debian sip-tester's
 * pcaps; Java WebRTC agents speak the real agent protocol. The demo hotline +4930555001 runs: business hours →
 * black list → VIP list → known customer? (personal-manager cascade) : menu (1 sales, 2 support, 3 callback),
 * with a keypad survey after the call.
 */
class CallFlowsTest extends RunningServerTest {
  private static final String HOTLINE = "+4930555001";
  /** The demo's known customer: personal manager alice, backup manager bob. */
  private static final String KNOWN = "+4930123456";
  private static final String BLOCKED = "+4930666000";

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true", "--calls.ring-timeout-seconds=10");
  }

  private Path tone() throws Exception {
    return ToneFile.write(dataDir.resolve("caller-1khz.ulaw"), 1000, 30);
  }

  @Test
  void ivr_aKeyPressedAsRfc4733ChoosesTheQueue() throws Exception {
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (SippCaller caller = SippCaller.call("caller-presses-digit-then-talks.xml", server.sipPort(), HOTLINE,
          "+4930777001", tone(), 4000, Map.of("@DTMF@", SippCaller.dtmfPcap('1')), dataDir)) {
        JsonObject offer = alice.await("call.offer", Duration.ofSeconds(20));
        assertThat(offer.getJsonObject("queue").getString("id")).as("key 1 is sales").isEqualTo("sales");
        alice.command(new JsonObject().put("type", "call.answer").put("callId", offer.getString("callId")));
        alice.media().awaitTone(1000, 0.6, Duration.ofSeconds(5)).get();
        assertThat(alice.await("call.ended", Duration.ofSeconds(15)).getString("by")).isEqualTo("caller");
        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();

        JsonObject record = awaitCallRecord(offer.getString("callId"));
        assertThat(record.getString("outcome")).isEqualTo("answered");
        assertThat(record.getJsonObject("queue").getString("id")).isEqualTo("sales");
        JsonObject routing = record.getJsonObject("routing");
        assertThat(routing.getString("flow")).isEqualTo("hotline");
        assertThat(String.join("\n", lines(routing.getJsonArray("explanation"))))
            .contains("is not a customer -> main").contains("pressed 1 -> sales");
        assertThat(routing.getJsonArray("offers").getJsonObject(0).getString("explanation"))
            .contains("alice").contains("sales");
        assertThat(dtmfFromCaller(record)).contains("1");
      }
    }
  }

  @Test
  void blackListedNumber_isRefusedPolitely_andRingsNobody() throws Exception {
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      // Answered for the refusal prompt, then our BYE.
      try (SippCaller caller = SippCaller.call("caller-expects-bye-from-the-agent.xml", server.sipPort(), HOTLINE,
          BLOCKED, tone(), 0, dataDir)) {
        assertThat(caller.awaitExit(Duration.ofSeconds(30))).as(caller.report()).isZero();
      }
      JsonObject record = awaitRecordFrom(BLOCKED);
      assertThat(record.getString("outcome")).isEqualTo("blocked");
      assertThat(record.getInteger("offers")).isZero();
      assertThat(String.join("\n", lines(record.getJsonObject("routing").getJsonArray("explanation"))))
          .contains("black list");
      // A command's ack comes after every frame sent before it: no offer reached the agent.
      alice.ready();
      assertThat(alice.seen()).noneMatch(f -> "call.offer".equals(f.getString("type")));
    }
  }

  @Test
  void knownCustomer_ringsTheirPersonalManagerAndBackupFirst_together() throws Exception {
    try (JavaAgent bob = new JavaAgent(vertx, server.httpPort());
        JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      // bob is Ready longer: a queue (longest idle) would ring him alone.
      bob.login("bob", "bob-demo");
      bob.ready();
      alice.login("alice", "alice-demo");
      alice.ready();
      try (SippCaller caller = SippCaller.call("caller-talks-then-hangs-up.xml", server.sipPort(), HOTLINE, KNOWN,
          tone(), 3000, dataDir)) {
        JsonObject aliceOffer = alice.await("call.offer", Duration.ofSeconds(20));
        JsonObject bobOffer = bob.await("call.offer", Duration.ofSeconds(5));
        assertThat(bobOffer.getString("callId")).isEqualTo(aliceOffer.getString("callId"));
        assertThat(aliceOffer.getJsonObject("customer").getString("id")).isEqualTo("cu-demo-romashka");
        alice.command(new JsonObject().put("type", "call.answer").put("callId", aliceOffer.getString("callId")));
        assertThat(bob.await("call.offer_cancelled", Duration.ofSeconds(5)).getString("reason"))
            .isEqualTo("answered_elsewhere");
        alice.media().awaitTone(1000, 0.6, Duration.ofSeconds(5)).get();
        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();

        JsonObject record = awaitCallRecord(aliceOffer.getString("callId"));
        assertThat(record.getJsonObject("agent").getString("username")).isEqualTo("alice");
        assertThat(String.join("\n", lines(record.getJsonObject("routing").getJsonArray("explanation"))))
            .contains("a-alice").contains("a-bob");
        assertThat(record.getJsonArray("timeline").stream().map(JsonObject.class::cast)
            .filter(e -> e.getString("event").equals("cascade_ring")).findFirst()).isPresent();
      }
    }
  }

  @Test
  void afterHours_theCallerLeavesAVoicemail_thatIsStoredAndPlayable() throws Exception {
    // Live reconfiguration: today is a holiday on the hotline (no restart), so the flow takes its after-hours path.
    String token = login("sam", "sam-demo");
    JsonObject flow = getAuthed("/api/config/flow/hotline", token).getJsonObject("document");
    JsonObject hours = firstStepOfType(flow, "hours");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    hours.put("zone", "UTC").put("holidays", new JsonArray().add(today.minusDays(1).toString())
        .add(today.toString()).add(today.plusDays(1).toString()));
    put("/api/config/flow/hotline", token, flow);

    Prompts prompts = Prompts.load(null);
    long greetingMs = prompts.clip("en", "voicemail-greeting").orElseThrow().duration().toMillis()
        + prompts.clip("en", "beep").map(c -> c.duration().toMillis()).orElse(0L);
    try (SippCaller caller = SippCaller.call("caller-talks-then-hangs-up.xml", server.sipPort(), HOTLINE,
        "+4930777002", tone(), greetingMs + 3000, dataDir)) {
      assertThat(caller.awaitExit(Duration.ofSeconds(40))).as(caller.report()).isZero();
    }
    JsonObject record = awaitRecordFrom("+4930777002");
    assertThat(record.getString("outcome")).isEqualTo("voicemail");
    String voicemailId = record.getString("voicemailId");
    assertThat(voicemailId).isNotNull();
    JsonObject[] vm = new JsonObject[1];
    Await.until(() -> {
      Optional<JsonObject> v = quietly(() -> await(server.store().voicemails().byId(voicemailId)));
      v.ifPresent(x -> vm[0] = x);
      return v.isPresent() && "new".equals(v.get().getString("status"));
    }, Duration.ofSeconds(10), "voicemail " + voicemailId + " stored");
    assertThat(vm[0].getString("from")).isEqualTo("+4930777002");
    Path wav = dataDir.resolve("recordings").resolve(vm[0].getJsonObject("recording").getString("file"));
    short[][] channels = Wav.readStereo(wav);
    assertThat(channels[0].length).as("about 3 s of message").isGreaterThan(8000 * 2);
    assertThat(Wav.level(channels[0], 1000)).as("the caller's 1 kHz in the message").isGreaterThan(0.5);
  }

  @Test
  void survey_theCallersKeypadRatingIsStoredWithTheCall() throws Exception {
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (SippCaller caller = SippCaller.call("caller-rates-the-call-until-bye.xml", server.sipPort(), HOTLINE,
          KNOWN, tone(), 0, Map.of("@DTMF@", SippCaller.dtmfPcap('5')), dataDir)) {
        JsonObject offer = alice.await("call.offer", Duration.ofSeconds(20));
        alice.command(new JsonObject().put("type", "call.answer").put("callId", offer.getString("callId")));
        alice.media().awaitTone(1000, 0.6, Duration.ofSeconds(5)).get();
        // The agent hangs up first; the caller stays and rates the call.
        alice.command(new JsonObject().put("type", "call.hangup").put("callId", offer.getString("callId")));
        assertThat(caller.awaitExit(Duration.ofSeconds(60))).as(caller.report()).isZero();

        JsonObject record = awaitCallRecord(offer.getString("callId"));
        assertThat(record.getString("outcome")).isEqualTo("answered");
        assertThat(record.getString("hungUpBy")).isEqualTo("agent");
        assertThat(record.getJsonObject("csat")).isNotNull();
        assertThat(record.getJsonObject("csat").getInteger("score")).isEqualTo(5);
        assertThat(record.getJsonObject("csat").getString("agentId")).isEqualTo("a-alice");
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static List<String> lines(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }

  private static List<String> dtmfFromCaller(JsonObject record) {
    return record.getJsonArray("timeline").stream().map(JsonObject.class::cast)
        .filter(e -> "dtmf".equals(e.getString("event")) && "caller".equals(e.getString("from")))
        .map(e -> e.getString("digit")).toList();
  }

  /** The final history record of the last call from this number. */
  private JsonObject awaitRecordFrom(String number) throws Exception {
    JsonObject[] found = new JsonObject[1];
    Await.until(() -> {
      Optional<JsonObject> r = quietly(() -> await(server.store().recentCalls(20))).stream()
          .filter(c -> number.equals(c.getString("from")) && !"in_progress".equals(c.getString("outcome")))
          .findFirst();
      r.ifPresent(x -> found[0] = x);
      return r.isPresent();
    }, Duration.ofSeconds(15), "the history record of the call from " + number);
    return found[0];
  }

  private interface Read<T> {
    T get() throws Exception;
  }

  private static <T> T quietly(Read<T> read) {
    try {
      return read.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject firstStepOfType(JsonObject flow, String type) {
    JsonObject steps = flow.getJsonObject("steps");
    return steps.fieldNames().stream().map(steps::getJsonObject).filter(s -> type.equals(s.getString("type")))
        .findFirst().orElseThrow(() -> new AssertionError("no " + type + " step in " + flow.encode()));
  }

  private String login(String username, String password) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/api/login")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", username)
            .put("password", password).encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getString("token");
  }

  private JsonObject getAuthed(String path, String token) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private void put(String path, String token, JsonObject body) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("PUT " + path + ": " + r.body()).isBetween(200, 204);
  }
}
