package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.calls.CallbackSchedule;
import io.switchboard.server.outbound.TrunkPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code outbound} object of a stored trunk becomes the gateway's settings, the wall's rules and the callback schedule. */
class OutboundSettingsTest {

  private static final JsonObject TRUNK = new JsonObject().put("_id", "pstn")
      .put("allowedSources", new JsonArray().add("192.0.2.1")).put("dids", new JsonArray())
      .put("outbound", new JsonObject().put("proxy", "sip.carrier.example:5060").put("domain", "carrier.example")
          .put("username", "u").put("password", "p").put("region", "DE").put("callerId", "+4930555000")
          .put("allowedRoles", new JsonArray().add("supervisor")).put("callbackRetrySeconds", 120)
          .put("callbackHours", new JsonObject().put("zone", "Europe/Berlin")
              .put("days", new JsonObject().put("MONDAY", new JsonArray().add("09:00-18:00")))
              .put("holidays", new JsonArray().add("2026-12-28"))));
  private static final JsonObject INBOUND_ONLY = new JsonObject().put("_id", "pbx")
      .put("allowedSources", new JsonArray().add("10.0.0.1")).put("dids", new JsonArray().add("100"));

  @Test
  void trunkWithOutbound_givesGatewaySettingsWallRulesAndCallbackSchedule_defaultsClosed() {
    List<JsonObject> docs = List.of(INBOUND_ONLY, TRUNK);
    assertThat(Routing.trunks(docs).get(0).outbound()).isEmpty();
    assertThat(Routing.trunks(docs).get(1).outbound().orElseThrow().proxy()).isEqualTo("sip.carrier.example:5060");

    TrunkPolicy policy = Routing.outboundPolicies(docs).get(0);
    assertThat(Routing.outboundPolicies(docs)).hasSize(1);
    assertThat(policy.dialPlan().international()).isFalse();
    assertThat(policy.dialPlan().premium()).isFalse();
    assertThat(policy.allowedAgents()).isEmpty();
    assertThat(policy.maxConcurrent()).isEqualTo(2);

    CallbackSchedule schedule = Routing.callbackSchedule(docs);
    assertThat(schedule.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(schedule.maxAttempts()).isEqualTo(3);
    // Monday 2026-12-07 10:00 Berlin is open; 20:00 is not; Monday 2026-12-28 is a holiday.
    assertThat(schedule.open(Instant.parse("2026-12-07T09:00:00Z"))).isTrue();
    assertThat(schedule.open(Instant.parse("2026-12-07T19:00:00Z"))).isFalse();
    assertThat(schedule.open(Instant.parse("2026-12-28T09:00:00Z"))).isFalse();
  }

  @Test
  void noTrunkPlacesCalls_noCallbackSchedule() {
    assertThat(Routing.callbackSchedule(List.of(INBOUND_ONLY))).isNull();
    assertThat(Routing.outboundPolicies(List.of(INBOUND_ONLY))).isEmpty();
  }
}
