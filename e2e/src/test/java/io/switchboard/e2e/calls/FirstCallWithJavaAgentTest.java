package io.switchboard.e2e.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.RunningServerTest;
import io.switchboard.media.testpeer.Await;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first call, end to end without a browser: SIPp is the carrier, the agent is the Java WebRTC test peer speaking
 * the real agent protocol. Audio is checked by tone (1 kHz from the caller, 440 Hz from the agent) at the agent and
 * in the recording; the history record is read back from MongoDB.
 */
class FirstCallWithJavaAgentTest extends RunningServerTest {
  private static final String DID = "+4930555000";
  private static final String CALLER = "+4930123456";

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true", "--calls.ring-timeout-seconds=3", "--calls.max-missed-offers=1");
  }

  private Path tone() throws Exception {
    return ToneFile.write(dataDir.resolve("caller-1khz.ulaw"), 1000, 30);
  }

  @Test
  void callerTalksThenHangsUp_agentHearsTheCaller_recordingAndHistoryAreRight() throws Exception {
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (SippCaller caller = SippCaller.call("caller-talks-then-hangs-up.xml", server.sipPort(), DID, CALLER,
          tone(), 4000, dataDir)) {
        JsonObject offer = alice.await("call.offer", Duration.ofSeconds(15));
        assertThat(offer.getString("from")).isEqualTo(CALLER);
        assertThat(offer.getJsonObject("queue").getString("id")).isEqualTo("support");
        alice.command(new JsonObject().put("type", "call.answer").put("callId", offer.getString("callId")));
        alice.media().startTone(440);

        alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(5)).get();
        JsonObject ended = alice.await("call.ended", Duration.ofSeconds(15));

        assertThat(ended.getString("by")).isEqualTo("caller");
        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
        JsonObject record = awaitCallRecord(offer.getString("callId"));
        assertThat(record.getString("outcome")).isEqualTo("answered");
        assertThat(record.getString("hungUpBy")).isEqualTo("caller");
        assertThat(record.getString("from")).isEqualTo(CALLER);
        assertThat(record.getString("to")).isEqualTo(DID);
        assertThat(record.getString("trunk")).isEqualTo("demo-carrier");
        assertThat(record.getJsonObject("agent").getString("username")).isEqualTo("alice");
        for (String at : List.of("arrivedAt", "queuedAt", "offeredAt", "answeredAt", "endedAt")) {
          assertThat(record.getValue(at)).as(at).isNotNull();
        }
        assertThat(record.getJsonArray("timeline").size()).isGreaterThanOrEqualTo(5);
        Path wav = dataDir.resolve("recordings").resolve(record.getJsonObject("recording").getString("file"));
        short[][] channels = Wav.readStereo(wav);
        assertThat(Wav.level(channels[0], 1000)).as("caller (left) 1 kHz").isGreaterThan(0.6);
        assertThat(Wav.level(channels[1], 440)).as("agent (right) 440 Hz").isGreaterThan(0.6);
        assertThat(Wav.level(channels[0], 440)).isLessThan(0.1);
      }
    }
  }

  @Test
  void agentHangsUp_callerReceivesBye() throws Exception {
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (SippCaller caller = SippCaller.call("caller-expects-bye-from-the-agent.xml", server.sipPort(), DID,
          CALLER, tone(), 0, dataDir)) {
        JsonObject offer = alice.await("call.offer", Duration.ofSeconds(15));
        alice.command(new JsonObject().put("type", "call.answer").put("callId", offer.getString("callId")));
        alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(5)).get();
        alice.command(new JsonObject().put("type", "call.hangup").put("callId", offer.getString("callId")));

        assertThat(alice.await("call.ended", Duration.ofSeconds(5)).getString("by")).isEqualTo("agent");
        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
        assertThat(awaitCallRecord(offer.getString("callId")).getString("hungUpBy")).isEqualTo("agent");
        // The demo's Support queue gives 5 s of wrap-up, then the agent is Ready again by itself.
        JsonObject wrapUp = alice.awaitState("wrap_up", Duration.ofSeconds(5));
        assertThat(wrapUp.getString("callId")).isEqualTo(offer.getString("callId"));
        assertThat(wrapUp.getLong("wrapUpSeconds")).isBetween(1L, 5L);
        alice.awaitState("ready", Duration.ofSeconds(15));
      }
    }
  }

  @Test
  void holdMuteAndKeypad_changeWhatFlows_andAreInTheTimeline() throws Exception {
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (SippCaller caller = SippCaller.call("caller-expects-bye-from-the-agent.xml", server.sipPort(), DID,
          CALLER, tone(), 0, dataDir)) {
        String callId = alice.await("call.offer", Duration.ofSeconds(15)).getString("callId");
        alice.command(new JsonObject().put("type", "call.answer").put("callId", callId));
        alice.media().startTone(440);
        alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(5)).get();

        alice.command(new JsonObject().put("type", "call.hold").put("callId", callId).put("on", true));
        assertThat(alice.await("call.held", Duration.ofSeconds(5)).getBoolean("on")).isTrue();
        // On hold the caller's audio no longer reaches the agent: watch for half a second, timed by the 25 packets
        // the agent itself sends meanwhile (50 per second).
        long held = alice.media().rtpReceived();
        long sent = alice.media().rtpSent();
        Await.until(() -> alice.media().rtpSent() >= sent + 25, Duration.ofSeconds(5), "half a second of hold");
        long stillHeld = alice.media().rtpReceived();
        alice.command(new JsonObject().put("type", "call.hold").put("callId", callId).put("on", false));
        assertThat(alice.await("call.held", Duration.ofSeconds(5)).getBoolean("on")).isFalse();
        long resumed = alice.media().rtpReceived();
        Await.until(() -> alice.media().rtpReceived() > resumed + 10, Duration.ofSeconds(5), "audio after resume");

        alice.command(new JsonObject().put("type", "call.mute").put("callId", callId).put("on", true));
        assertThat(alice.await("call.muted", Duration.ofSeconds(5)).getBoolean("on")).isTrue();
        alice.command(new JsonObject().put("type", "call.dtmf").put("callId", callId).put("digits", "12#"));
        alice.command(new JsonObject().put("type", "call.hangup").put("callId", callId));
        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();

        assertThat(stillHeld - held).as("packets reaching the agent while held").isLessThanOrEqualTo(3);
        List<String> events = awaitCallRecord(callId).getJsonArray("timeline").stream()
            .map(e -> ((JsonObject) e).getString("event")).toList();
        assertThat(events).containsSubsequence("answered", "hold", "resume", "mute", "dtmf", "ended");
      }
    }
  }

  @Test
  void callerAbandonsWhileTheAgentsPhoneRings_ringingStopsAndTheCallIsAbandoned() throws Exception {
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (SippCaller caller = SippCaller.call("caller-abandons-while-queued.xml", server.sipPort(), DID, CALLER,
          tone(), 1500, dataDir)) {
        JsonObject offer = alice.await("call.offer", Duration.ofSeconds(15));
        JsonObject cancelled = alice.await("call.offer_cancelled", Duration.ofSeconds(10));

        assertThat(cancelled.getString("reason")).isEqualTo("caller_abandoned");
        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
        JsonObject record = awaitCallRecord(offer.getString("callId"));
        assertThat(record.getString("outcome")).isEqualTo("abandoned");
        assertThat(record.getValue("answeredAt")).isNull();
        alice.awaitState("ready", Duration.ofSeconds(15));
      }
    }
  }

  @Test
  void twoAgents_theLongestIdleIsOfferedFirst_thenTheOtherWhenTheRingTimesOut() throws Exception {
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort());
        JavaAgent bob = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      bob.login("bob", "bob-demo");
      bob.ready();
      try (SippCaller caller = SippCaller.call("caller-expects-bye-from-the-agent.xml", server.sipPort(), DID,
          CALLER, tone(), 0, dataDir)) {
        JsonObject first = alice.await("call.offer", Duration.ofSeconds(15));
        JsonObject missed = alice.await("call.offer_cancelled", Duration.ofSeconds(10));
        assertThat(missed.getString("reason")).isEqualTo("ring_timeout");
        // max-missed-offers=1: one miss sets alice Not ready.
        assertThat(alice.awaitState("not_ready", Duration.ofSeconds(5)).getString("reason"))
            .isEqualTo("missed_calls");

        JsonObject second = bob.await("call.offer", Duration.ofSeconds(10));
        assertThat(second.getString("callId")).isEqualTo(first.getString("callId"));
        bob.command(new JsonObject().put("type", "call.answer").put("callId", second.getString("callId")));
        bob.media().awaitTone(1000, 0.7, Duration.ofSeconds(5)).get();
        bob.command(new JsonObject().put("type", "call.hangup").put("callId", second.getString("callId")));

        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
        JsonObject record = awaitCallRecord(first.getString("callId"));
        assertThat(record.getJsonObject("agent").getString("username")).isEqualTo("bob");
        assertThat(record.getInteger("offers")).isEqualTo(2);
      }
    }
  }

}
