package io.switchboard.e2e.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.RunningServerTest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Outbound calls end to end: SIPp is the carrier behind a trunk with outbound settings (digest auth), the agents are
 * Java WebRTC peers speaking the real agent protocol. An agent with permission dials and talks (tones both ways, in
 * the recording, CDR {@code direction: outbound}). The toll-fraud wall's scripted attacks are
 * {@link OutboundWallAttacksTest}.
 */
class OutboundCallTest extends RunningServerTest {
  private static final String HOTLINE = OutboundTrunk.HOTLINE;
  private static final String CUSTOMER = "+4915112345678";

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true");
  }

  /** Adds the trunk "pstn" that places calls through the carrier (a restart). */
  private void outboundTrunk(int carrierPort) throws Exception {
    server = OutboundTrunk.install(vertx, server, dataDir, carrierPort);
  }

  @Test
  void agentDialsTheCustomer_digestAuth_hotlineCallerId_tonesBothWays_recordedAndOutboundCdr() throws Exception {
    Path tone = ToneFile.write(dataDir.resolve("customer-1khz.ulaw"), 1000, 30);
    try (SippCarrier carrier = SippCarrier.listen("carrier-digest-answers-with-tone.xml", Map.of(
        "@CALLER_ID@", HOTLINE, "@CALLEE@", CUSTOMER, "@AUDIO@", tone.toAbsolutePath().toString()), dataDir)) {
      outboundTrunk(carrier.port());
      try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
        alice.login("alice", "alice-demo");
        alice.ready();
        alice.command(new JsonObject().put("type", "call.dial").put("number", CUSTOMER));
        JsonObject dialing = alice.await("call.dialing", Duration.ofSeconds(5));
        String callId = dialing.getString("callId");
        assertThat(dialing.getString("to")).isEqualTo(CUSTOMER);
        // Ready agents placing a call are taken out of the queues' reach while it lasts.
        assertThat(alice.awaitState("not_ready", Duration.ofSeconds(5)).getString("reason"))
            .isEqualTo("outbound_call");
        assertThat(alice.await("call.progress", Duration.ofSeconds(10)).getString("progress")).isEqualTo("ringing");
        alice.await("call.answered", Duration.ofSeconds(10));
        alice.media().startTone(440);

        alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(5)).get();
        // Talk for two seconds, timed by the 100 packets the agent sends meanwhile (50 per second).
        long sent = alice.media().rtpSent();
        io.switchboard.media.testpeer.Await.until(() -> alice.media().rtpSent() >= sent + 100,
            Duration.ofSeconds(10), "two seconds of conversation");
        alice.command(new JsonObject().put("type", "call.hangup").put("callId", callId));
        JsonObject ended = alice.await("call.ended", Duration.ofSeconds(10));
        assertThat(ended.getString("by")).isEqualTo("agent");
        assertThat(carrier.awaitExit(Duration.ofSeconds(20))).as(carrier.report()).isZero();
        alice.awaitState("ready", Duration.ofSeconds(5));

        JsonObject record = awaitCallRecord(callId);
        assertThat(record.getString("direction")).isEqualTo("outbound");
        assertThat(record.getString("outcome")).isEqualTo("answered");
        assertThat(record.getString("from")).isEqualTo(HOTLINE);
        assertThat(record.getString("to")).isEqualTo(CUSTOMER);
        assertThat(record.getString("trunk")).isEqualTo("pstn");
        assertThat(record.getString("hungUpBy")).isEqualTo("agent");
        assertThat(record.getJsonObject("agent").getString("username")).isEqualTo("alice");
        Path wav = dataDir.resolve("recordings").resolve(record.getJsonObject("recording").getString("file"));
        short[][] channels = Wav.readStereo(wav);
        // SIPp's rtp_stream in UAS mode sends one packet, stalls a few seconds, then catches up in a burst; the
        // recorder places audio by arrival, so each side is judged where it is loudest, not in the file's middle.
        assertThat(loudestLevel(channels[0], 1000)).as("customer (left) 1 kHz").isGreaterThan(0.6);
        assertThat(loudestLevel(channels[1], 440)).as("agent (right) 440 Hz").isGreaterThan(0.6);
        assertThat(loudestLevel(channels[0], 440)).as("no agent on the customer's channel").isLessThan(0.1);
      }
    }
  }

  @Test
  void maskedQueue_agentSeesLastDigitsOnly_andCallsTheCallerBackByReference() throws Exception {
    String caller = "+49301234567";
    Path tone = ToneFile.write(dataDir.resolve("customer-1khz.ulaw"), 1000, 30);
    try (SippCarrier carrier = SippCarrier.listen("carrier-digest-answers-with-tone.xml", Map.of(
        "@CALLER_ID@", HOTLINE, "@CALLEE@", caller, "@AUDIO@", tone.toAbsolutePath().toString()), dataDir)) {
      outboundTrunk(carrier.port());
      JsonObject support = await(server.routingConfig().entry("queue", "support"));
      await(server.routingConfig().put("queue", "support", support.getJsonObject("doc").copy()
          .put("maskNumbers", true), support.getLong("version"), "test"));
      try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
        alice.login("alice", "alice-demo");
        alice.ready();
        String callId;
        try (SippCaller inbound = SippCaller.call("caller-expects-bye-from-the-agent.xml", server.sipPort(),
            HOTLINE, caller, tone, 0, dataDir)) {
          JsonObject offer = alice.await("call.offer", Duration.ofSeconds(15));
          callId = offer.getString("callId");
          assertThat(offer.getBoolean("masked")).isTrue();
          assertThat(offer.getString("from")).endsWith("4567").doesNotContain("4930");
          alice.command(new JsonObject().put("type", "call.answer").put("callId", callId));
          alice.await("call.answered", Duration.ofSeconds(5));
          alice.command(new JsonObject().put("type", "call.hangup").put("callId", callId));
          assertThat(inbound.awaitExit(Duration.ofSeconds(20))).as(inbound.report()).isZero();
        }
        awaitCallRecord(callId);

        // "Call back" by reference: the server dials the number the browser never saw.
        alice.command(new JsonObject().put("type", "call.dial").put("ref", callId));
        JsonObject dialing = alice.await("call.dialing", Duration.ofSeconds(5));
        assertThat(dialing.getBoolean("masked")).isTrue();
        assertThat(dialing.getString("to")).endsWith("4567").doesNotContain("4930");
        alice.await("call.answered", Duration.ofSeconds(15));
        alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(5)).get();
        alice.command(new JsonObject().put("type", "call.hangup").put("callId", dialing.getString("callId")));
        assertThat(carrier.awaitExit(Duration.ofSeconds(20))).as(carrier.report()).isZero();
        assertThat(alice.seen().stream().map(JsonObject::encode).filter(f -> f.contains(caller)).toList())
            .as("frames naming the caller's number").isEmpty();
        JsonObject record = awaitCallRecord(dialing.getString("callId"));
        assertThat(record.getString("to")).isEqualTo(caller);
        assertThat(record.getJsonObject("dialledBy").getString("reference")).isEqualTo(callId);
      }
    }
  }

  /**
   * Relative power at {@code frequency} in the loudest half second of a channel: where the recording holds that
   * side's speech, whatever silence SIPp's stream leaves around it.
   */
  static double loudestLevel(short[] samples, double frequency) {
    int block = 4000;
    int best = 0;
    double bestEnergy = -1;
    for (int start = 0; start + block <= samples.length; start += block / 2) {
      double energy = 0;
      for (int k = start; k < start + block; k++) {
        energy += (double) samples[k] * samples[k];
      }
      if (energy > bestEnergy) {
        bestEnergy = energy;
        best = start;
      }
    }
    short[] window = java.util.Arrays.copyOfRange(samples, best, Math.min(samples.length, best + block));
    return io.switchboard.media.testpeer.Goertzel.relativePower(window, window.length, frequency, 8000);
  }
}
