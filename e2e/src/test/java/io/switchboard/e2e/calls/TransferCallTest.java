package io.switchboard.e2e.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.supervisor.CallerWithJavaMedia;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Transfers from the agent desk, end to end (docs/routing.md, "Transfers"): SIPp is the carrier and its media a Java
 * RTP peer, so what the caller hears is checked by tone; the agents are Java WebRTC peers on the real protocol. The
 * caller sends 1 kHz, alice 440 Hz, bob 1.5 kHz; the music on hold's first note is 659 Hz (E5).
 */
class TransferCallTest extends RunningServerTest {
  private static final String DID = "+4930555000";
  private static final String CALLER = "+4930123456";
  private static final double HOLD_MUSIC_NOTE = 659.25;
  private static final Duration TONE_WAIT = Duration.ofSeconds(8);

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true");
  }

  /** alice answers the caller; tones flow both ways; then bob signs in Ready. */
  private String aliceTalksToTheCaller(JavaAgent alice, JavaAgent bob, CallerWithJavaMedia caller) throws Exception {
    JsonObject offer = alice.await("call.offer", Duration.ofSeconds(15));
    String callId = offer.getString("callId");
    alice.command(new JsonObject().put("type", "call.answer").put("callId", callId));
    caller.talk(1000);
    alice.media().startTone(440);
    alice.media().awaitTone(1000, 0.7, TONE_WAIT).get();
    caller.media().awaitTone(440, 0.7, TONE_WAIT).get();
    bob.login("bob", "bob-demo");
    bob.ready();
    bob.media().startTone(1500);
    return callId;
  }

  @Test
  void warmTransfer_callerHearsHoldMusicWhileAliceConsultsBob_thenTalksToBob_recordedPerSegment() throws Exception {
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort());
        JavaAgent bob = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (CallerWithJavaMedia caller = CallerWithJavaMedia.call(server.sipPort(), DID, CALLER, dataDir)) {
        String callId = aliceTalksToTheCaller(alice, bob, caller);

        alice.command(new JsonObject().put("type", "transfer.consult").put("callId", callId).put("agent", "a-bob"));
        assertThat(alice.await("transfer.consulting", Duration.ofSeconds(5)).getJsonObject("to")
            .getString("id")).isEqualTo("a-bob");
        // Reserved first (no queue may offer bob a call now), then told who consults him.
        assertThat(bob.awaitState("not_ready", Duration.ofSeconds(5)).getString("reason")).isEqualTo("consultation");
        JsonObject consulted = bob.await("transfer.consulted", Duration.ofSeconds(5));
        assertThat(consulted.getJsonObject("by").getString("id")).isEqualTo("a-alice");
        assertThat(consulted.getString("caller")).isEqualTo(CALLER);

        // During the consultation: the caller hears the music on hold, alice and bob hear each other.
        caller.media().awaitTone(HOLD_MUSIC_NOTE, 0.6, TONE_WAIT).get();
        alice.media().awaitTone(1500, 0.7, TONE_WAIT).get();
        bob.media().awaitTone(440, 0.7, TONE_WAIT).get();
        assertThat(caller.media().toneLevel(440)).as("alice is not heard by the held caller").isLessThan(0.1);

        alice.command(new JsonObject().put("type", "transfer.complete").put("callId", callId));
        assertThat(alice.await("call.ended", Duration.ofSeconds(5)).getString("by")).isEqualTo("transfer");
        assertThat(bob.await("call.transferred", Duration.ofSeconds(5)).getString("from")).isEqualTo(CALLER);
        bob.await("call.answered", Duration.ofSeconds(5));

        // After the hand-over: bob hears the caller, the caller hears bob.
        bob.media().awaitTone(1000, 0.7, TONE_WAIT).get();
        caller.media().awaitTone(1500, 0.7, TONE_WAIT).get();
        // Two seconds of bob's segment, timed by the 100 packets bob sends meanwhile, so its recording has audio.
        long sent = bob.media().rtpSent();
        io.switchboard.media.testpeer.Await.until(() -> bob.media().rtpSent() >= sent + 100,
            Duration.ofSeconds(10), "two seconds with bob");
        bob.command(new JsonObject().put("type", "call.hangup").put("callId", callId));
        assertThat(caller.sipp().awaitExit(Duration.ofSeconds(20))).as(caller.sipp().report()).isZero();

        JsonObject record = awaitCallRecord(callId);
        assertThat(record.getJsonObject("agent").getString("username")).isEqualTo("bob");
        JsonObject transfer = record.getJsonArray("transfers").getJsonObject(0);
        assertThat(transfer.getString("mode")).isEqualTo("consult");
        assertThat(transfer.getString("kind")).isEqualTo("agent");
        assertThat(transfer.getString("from")).isEqualTo("a-alice");
        assertThat(transfer.getString("to")).isEqualTo("a-bob");
        assertThat(transfer.getString("outcome")).isEqualTo("completed");
        assertThat(transfer.getString("at")).isNotNull();
        assertThat(events(record)).containsSubsequence("answered", "transfer", "transfer_completed", "answered",
            "ended");
        // One file per agent segment: alice's (caller 1 kHz, alice 440 Hz), then bob's (caller, bob 1.5 kHz).
        JsonObject first = record.getJsonArray("segments").getJsonObject(0);
        assertThat(first.getString("agent")).isEqualTo("a-alice");
        short[][] aliceWav = Wav.readStereo(recording(first.getString("file")));
        assertThat(OutboundCallTest.loudestLevel(aliceWav[1], 440)).as("alice's segment, agent channel").isGreaterThan(0.5);
        short[][] bobWav = Wav.readStereo(recording(record.getJsonObject("recording").getString("file")));
        assertThat(OutboundCallTest.loudestLevel(bobWav[0], 1000)).as("bob's segment, caller").isGreaterThan(0.5);
        assertThat(OutboundCallTest.loudestLevel(bobWav[1], 1500)).as("bob's segment, agent").isGreaterThan(0.5);
        assertThat(record.getJsonObject("recording").getString("file")).endsWith(callId + "-2.wav");
      }
    }
  }

  @Test
  void consultThenCancel_bobIsReadyAgain_andAliceTalksToTheCallerAgain() throws Exception {
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort());
        JavaAgent bob = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (CallerWithJavaMedia caller = CallerWithJavaMedia.call(server.sipPort(), DID, CALLER, dataDir)) {
        String callId = aliceTalksToTheCaller(alice, bob, caller);
        alice.command(new JsonObject().put("type", "transfer.consult").put("callId", callId).put("agent", "a-bob"));
        bob.await("transfer.consulted", Duration.ofSeconds(5));
        caller.media().awaitTone(HOLD_MUSIC_NOTE, 0.6, TONE_WAIT).get();

        alice.command(new JsonObject().put("type", "transfer.cancel").put("callId", callId));
        assertThat(bob.await("transfer.ended", Duration.ofSeconds(5)).getString("outcome")).isEqualTo("cancelled");
        bob.awaitState("ready", Duration.ofSeconds(5));
        assertThat(alice.await("transfer.ended", Duration.ofSeconds(5)).getString("outcome"))
            .isEqualTo("cancelled");
        caller.media().awaitTone(440, 0.7, TONE_WAIT).get();
        alice.media().awaitTone(1000, 0.7, TONE_WAIT).get();

        alice.command(new JsonObject().put("type", "call.hangup").put("callId", callId));
        assertThat(caller.sipp().awaitExit(Duration.ofSeconds(20))).as(caller.sipp().report()).isZero();
        JsonObject record = awaitCallRecord(callId);
        assertThat(record.getJsonObject("agent").getString("username")).isEqualTo("alice");
        assertThat(record.getJsonArray("transfers").getJsonObject(0).getString("outcome")).isEqualTo("cancelled");
        assertThat(record.getValue("segments")).as("one agent, one file").isNull();
      }
    }
  }

  @Test
  void blindTransferToAQueue_anAgentOfThatQueueAnswers_theCdrLinksBothSegments() throws Exception {
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort());
        JavaAgent bob = new JavaAgent(vertx, server.httpPort())) {
      // bob (support only) takes the call; alice, the only agent of "sales", is Ready after it was answered.
      bob.login("bob", "bob-demo");
      bob.ready();
      try (CallerWithJavaMedia caller = CallerWithJavaMedia.call(server.sipPort(), DID, CALLER, dataDir)) {
        String callId = bob.await("call.offer", Duration.ofSeconds(15)).getString("callId");
        bob.command(new JsonObject().put("type", "call.answer").put("callId", callId));
        caller.talk(1000);
        bob.media().awaitTone(1000, 0.7, TONE_WAIT).get();
        alice.login("alice", "alice-demo");
        alice.ready();
        alice.media().startTone(440);

        bob.command(new JsonObject().put("type", "transfer.blind").put("callId", callId).put("queue", "sales"));
        assertThat(bob.await("call.ended", Duration.ofSeconds(5)).getString("by")).isEqualTo("transfer");
        JsonObject offer = alice.await("call.offer", Duration.ofSeconds(10));
        assertThat(offer.getString("callId")).isEqualTo(callId);
        assertThat(offer.getJsonObject("queue").getString("id")).isEqualTo("sales");
        alice.command(new JsonObject().put("type", "call.answer").put("callId", callId));
        alice.media().awaitTone(1000, 0.7, TONE_WAIT).get();
        caller.media().awaitTone(440, 0.7, TONE_WAIT).get();
        alice.command(new JsonObject().put("type", "call.hangup").put("callId", callId));
        assertThat(caller.sipp().awaitExit(Duration.ofSeconds(20))).as(caller.sipp().report()).isZero();

        JsonObject record = awaitCallRecord(callId);
        JsonObject transfer = record.getJsonArray("transfers").getJsonObject(0);
        assertThat(transfer.getString("mode")).isEqualTo("blind");
        assertThat(transfer.getString("kind")).isEqualTo("queue");
        assertThat(transfer.getString("from")).isEqualTo("a-bob");
        assertThat(transfer.getString("to")).isEqualTo("sales");
        assertThat(transfer.getString("outcome")).isEqualTo("queued");
        assertThat(transfer.getInteger("priority")).as("the caller keeps a priority bonus").isGreaterThan(0);
        assertThat(record.getJsonObject("queue").getString("id")).isEqualTo("sales");
        assertThat(record.getJsonObject("agent").getString("username")).isEqualTo("alice");
        JsonArray segments = record.getJsonArray("segments");
        assertThat(segments.getJsonObject(0).getString("agent")).isEqualTo("a-bob");
        assertThat(events(record)).containsSubsequence("answered", "transfer", "offered", "answered", "ended")
            .contains("transfer_queued");
      }
    }
  }

  @Test
  void consultAnExternalNumber_outboundInviteWithDigestAuth_thenTheCallerTalksToIt() throws Exception {
    String number = "+4915112345678";
    Path numberTone = ToneFile.write(dataDir.resolve("number-1500.ulaw"), 1500, 60);
    Path callerTone = ToneFile.write(dataDir.resolve("caller-1khz.ulaw"), 1000, 60);
    try (SippCarrier carrier = SippCarrier.listen("carrier-digest-answers-with-tone.xml", Map.of(
        "@CALLER_ID@", OutboundTrunk.HOTLINE, "@CALLEE@", number, "@AUDIO@", numberTone.toAbsolutePath().toString()),
        dataDir)) {
      server = OutboundTrunk.install(vertx, server, dataDir, carrier.port());
      try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
        alice.login("alice", "alice-demo");
        alice.ready();
        // The caller talks (1 kHz) for 40 s after the answer, then hangs up: time for the consultation and more.
        try (SippCaller caller = SippCaller.call("caller-talks-then-hangs-up.xml", server.sipPort(), DID, CALLER,
            callerTone, 40_000, dataDir)) {
          String callId = alice.await("call.offer", Duration.ofSeconds(15)).getString("callId");
          alice.command(new JsonObject().put("type", "call.answer").put("callId", callId));
          alice.media().startTone(440);
          alice.media().awaitTone(1000, 0.7, TONE_WAIT).get();

          alice.command(new JsonObject().put("type", "transfer.consult").put("callId", callId)
              .put("number", "015112345678"));
          alice.await("transfer.consulting", Duration.ofSeconds(10));
          while (!"answered".equals(alice.await("transfer.progress", Duration.ofSeconds(20)).getString("progress"))) {
            // ringing, early media: the number answers next
          }
          // SIPp's UAS stream stalls a few seconds before it flows: a generous wait for the number's voice.
          alice.media().awaitTone(1500, 0.6, Duration.ofSeconds(20)).get();
          alice.command(new JsonObject().put("type", "transfer.complete").put("callId", callId));
          assertThat(alice.await("call.ended", Duration.ofSeconds(5)).getString("by")).isEqualTo("transfer");

          assertThat(caller.awaitExit(Duration.ofSeconds(60))).as(caller.report()).isZero();
          assertThat(carrier.awaitExit(Duration.ofSeconds(20))).as("the number gets our BYE; " + carrier.report())
              .isZero();
          JsonObject record = awaitCallRecord(callId);
          JsonObject transfer = record.getJsonArray("transfers").getJsonObject(0);
          assertThat(transfer.getString("kind")).isEqualTo("number");
          assertThat(transfer.getString("to")).isEqualTo(number);
          assertThat(transfer.getString("trunk")).isEqualTo("pstn");
          assertThat(transfer.getString("outcome")).isEqualTo("completed");
          assertThat(record.getString("hungUpBy")).isEqualTo("caller");
          // The caller's segment with the number: the caller (left) and the number (right) both flowed.
          short[][] wav = Wav.readStereo(recording(record.getJsonObject("recording").getString("file")));
          assertThat(OutboundCallTest.loudestLevel(wav[0], 1000)).as("caller, left").isGreaterThan(0.5);
          assertThat(OutboundCallTest.loudestLevel(wav[1], 1500)).as("the number, right").isGreaterThan(0.5);
          assertThat(record.getJsonArray("segments").getJsonObject(0).getString("agent")).isEqualTo("a-alice");
        }
      }
    }
  }

  private Path recording(String file) {
    return dataDir.resolve("recordings").resolve(file);
  }

  private static List<String> events(JsonObject record) {
    return record.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("event")).toList();
  }
}
