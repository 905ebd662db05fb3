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
 * An abandoned caller is called back (docs/routing.md, "Dialled callbacks"): the caller hangs up while queued, a
 * callback request is stored; when alice is Ready the server reserves her and previews the request; she accepts
 * and the server dials the customer with the hotline's caller id. The first attempt finds the line busy (SIPp
 * answers 486), the second, after the back-off, is answered and alice hears the customer's 1 kHz. Both attempts
 * are on the request in MongoDB.
 */
class DialledCallbackTest extends RunningServerTest {
  private static final String CALLER = "+49301234567";

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true");
  }

  @Test
  void abandonedCaller_busyThenRetriedAfterTheBackOff_answered_agentHearsThem_attemptsStored() throws Exception {
    Path tone = ToneFile.write(dataDir.resolve("customer-1khz.ulaw"), 1000, 30);
    Map<String, String> expected = Map.of("@CALLER_ID@", OutboundTrunk.HOTLINE, "@CALLEE@", CALLER,
        "@AUDIO@", tone.toAbsolutePath().toString());
    try (SippCarrier busy = SippCarrier.listen("carrier-busy-486.xml", expected, dataDir)) {
      server = OutboundTrunk.install(vertx, server, dataDir, busy.port(), new JsonObject()
          .put("callbackPollMillis", 300).put("callbackRetrySeconds", 3).put("callbackMaxAttempts", 3));

      // Nobody is Ready: the caller waits in the queue and gives up.
      try (SippCaller caller = SippCaller.call("caller-abandons-while-queued.xml", server.sipPort(),
          OutboundTrunk.HOTLINE, CALLER, tone, 1500, dataDir)) {
        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
      }

      try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
        alice.login("alice", "alice-demo");
        alice.ready();

        // Reserved first (no queue offers her a call meanwhile), then previewed: who, masked, and why.
        assertThat(alice.awaitState("not_ready", Duration.ofSeconds(15)).getString("reason"))
            .isEqualTo("callback_preview");
        JsonObject preview = alice.await("callback.offer", Duration.ofSeconds(5));
        String callbackId = preview.getString("callbackId");
        assertThat(preview.getString("to")).endsWith("4567").doesNotContain("49301");
        assertThat(preview.getString("reason")).isEqualTo("abandoned");
        alice.command(new JsonObject().put("type", "call.dial").put("ref", callbackId));
        assertThat(alice.await("call.dialing", Duration.ofSeconds(5)).getBoolean("masked")).isTrue();
        JsonObject ended = alice.await("call.ended", Duration.ofSeconds(15));
        assertThat(ended.getString("reason")).isEqualTo("busy");
        assertThat(busy.awaitExit(Duration.ofSeconds(10))).as(busy.report()).isZero();
        alice.awaitState("ready", Duration.ofSeconds(5));

        // The same carrier port now answers: the retry comes after the back-off (3 s after one attempt).
        try (SippCarrier answers = SippCarrier.listen("carrier-digest-answers-with-tone.xml", expected, dataDir,
            busy.port())) {
          long busyAt = System.nanoTime();
          JsonObject again = alice.await("callback.offer", Duration.ofSeconds(20));
          assertThat(Duration.ofNanos(System.nanoTime() - busyAt)).isGreaterThan(Duration.ofMillis(1500));
          assertThat(again.getString("callbackId")).isEqualTo(callbackId);
          assertThat(again.getInteger("attempts")).isEqualTo(1);
          alice.command(new JsonObject().put("type", "call.dial").put("ref", callbackId));
          String callId = alice.await("call.dialing", Duration.ofSeconds(5)).getString("callId");
          alice.await("call.answered", Duration.ofSeconds(15));
          alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(5)).get();
          alice.command(new JsonObject().put("type", "call.hangup").put("callId", callId));
          alice.await("call.ended", Duration.ofSeconds(10));
          assertThat(answers.awaitExit(Duration.ofSeconds(20))).as(answers.report()).isZero();

          JsonObject request = awaitCallback(callbackId, "done");
          assertThat(request.getInteger("attempts")).isEqualTo(2);
          assertThat(request.getJsonArray("attemptLog").stream().map(a -> ((JsonObject) a).getString("outcome"))
              .toList()).containsExactly("busy", "answered");
          JsonObject record = awaitCallRecord(callId);
          assertThat(record.getString("direction")).isEqualTo("outbound");
          assertThat(record.getJsonObject("dialledBy").getString("kind")).isEqualTo("callback");
        }
      }
    }
  }

  private JsonObject awaitCallback(String id, String status) throws Exception {
    JsonObject[] found = new JsonObject[1];
    io.switchboard.media.testpeer.Await.until(() -> {
      try {
        var request = await(server.store().callbacks().byId(id));
        request.filter(r -> status.equals(r.getString("status"))).ifPresent(r -> found[0] = r);
        return found[0] != null;
      } catch (Exception e) {
        return false;
      }
    }, Duration.ofSeconds(10), "callback " + id + " " + status);
    return found[0];
  }
}
