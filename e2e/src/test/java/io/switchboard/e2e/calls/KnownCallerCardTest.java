package io.switchboard.e2e.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.RunningServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The caller's card on ringing (docs/protocol.md, {@code call.offer}'s {@code customer}), with SIPp as the carrier
 * and the Java agent: the demo's known customer gets their card, the next call shows the last one's outcome, and a
 * number nobody has gets {@code customer: null}.
 */
class KnownCallerCardTest extends RunningServerTest {
  private static final String DID = "+4930555000";
  private static final String KNOWN = "+4930123456";
  private static final String UNKNOWN = "+4930987654";

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true", "--calls.ring-timeout-seconds=5");
  }

  private Path tone() throws Exception {
    return ToneFile.write(dataDir.resolve("caller-1khz.ulaw"), 1000, 30);
  }

  @Test
  void knownCallerRings_offerCarriesTheirCard_andTheNextCallShowsTheLastOnesOutcome() throws Exception {
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      String firstId;
      try (SippCaller caller = SippCaller.call("caller-expects-bye-from-the-agent.xml", server.sipPort(), DID, KNOWN,
          tone(), 0, dataDir)) {
        JsonObject offer = alice.await("call.offer", Duration.ofSeconds(15));
        JsonObject card = offer.getJsonObject("customer");

        assertThat(card).as("card in %s", offer).isNotNull();
        assertThat(card.getString("name")).isEqualTo("ТОВ Ромашка / Romashka LLC");
        assertThat(card.getString("segment")).isEqualTo("key account");
        assertThat(card.getBoolean("vip")).isTrue();
        assertThat(card.getJsonObject("personalManager").getString("name")).isEqualTo("Alice Smith");
        JsonArray incidents = card.getJsonArray("openIncidents");
        assertThat(incidents).hasSize(1);
        assertThat(incidents.getJsonObject(0).getInteger("priority")).isEqualTo(2);
        assertThat(card.getJsonArray("lastCalls")).isEmpty();
        assertThat(card.containsKey("lastCsat")).isTrue();

        firstId = offer.getString("callId");
        alice.command(new JsonObject().put("type", "call.answer").put("callId", firstId));
        alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(5)).get();
        alice.command(new JsonObject().put("type", "call.hangup").put("callId", firstId));
        alice.await("call.ended", Duration.ofSeconds(5));
        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
      }
      awaitCallRecord(firstId);
      // The demo's Support queue gives 5 s of wrap-up; the next call is offered once alice is Ready again.
      alice.awaitState("wrap_up", Duration.ofSeconds(5));
      alice.awaitState("ready", Duration.ofSeconds(15));

      try (SippCaller caller = SippCaller.call("caller-abandons-while-queued.xml", server.sipPort(), DID, KNOWN,
          tone(), 1500, dataDir)) {
        JsonObject again = alice.await("call.offer", Duration.ofSeconds(15)).getJsonObject("customer");

        JsonObject last = again.getJsonArray("lastCalls").getJsonObject(0);
        assertThat(last.getString("id")).isEqualTo(firstId);
        assertThat(last.getString("outcome")).isEqualTo("answered");
        assertThat(last.getString("agent")).isEqualTo("Alice Smith");
        assertThat(last.getString("at")).isNotBlank();
        alice.await("call.offer_cancelled", Duration.ofSeconds(10));
        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
      }
    }
  }

  @Test
  void aNumberNoCustomerHas_ringsAsANewCaller() throws Exception {
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (SippCaller caller = SippCaller.call("caller-abandons-while-queued.xml", server.sipPort(), DID, UNKNOWN,
          tone(), 1500, dataDir)) {
        JsonObject offer = alice.await("call.offer", Duration.ofSeconds(15));

        assertThat(offer.getString("from")).isEqualTo(UNKNOWN);
        assertThat(offer.containsKey("customer")).isTrue();
        assertThat(offer.getValue("customer")).isNull();
        alice.await("call.offer_cancelled", Duration.ofSeconds(10));
        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
      }
    }
  }
}
