package io.switchboard.server;

import io.switchboard.gateway.DigestCredentials;
import io.switchboard.gateway.OutboundConfig;
import io.switchboard.gateway.Registration;
import io.switchboard.gateway.TrunkConfig;
import io.switchboard.routing.calendar.BusinessHours;
import io.switchboard.routing.calendar.TimeRange;
import io.switchboard.server.calls.CallbackSchedule;
import io.switchboard.server.outbound.DialPlan;
import io.switchboard.server.outbound.TrunkPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Turns the stored trunk documents into the typed configs the gateway runs on. */
final class Routing {
  private Routing() {
  }

  /**
   * {@code {_id, allowedSources: [...], dids: [...], inboundDigest?: {username, password, realm},
   * registration?: {registrar, username, password, domain, expiresSeconds}, outbound?: {proxy, domain, username,
   * password, ...}}} (the outbound rules: {@link #outboundPolicies}).
   */
  static List<TrunkConfig> trunks(List<JsonObject> documents) {
    return documents.stream().map(d -> new TrunkConfig(d.getString("_id"),
        strings(d.getJsonArray("allowedSources")),
        Optional.ofNullable(d.getJsonObject("inboundDigest")).map(a -> new DigestCredentials(
            a.getString("username"), a.getString("password"), a.getString("realm"))),
        Optional.ofNullable(d.getJsonObject("registration")).map(r -> new Registration(r.getString("registrar"),
            r.getString("username"), r.getString("password"), r.getString("domain"),
            Duration.ofSeconds(r.getLong("expiresSeconds", 3600L)))),
        strings(d.getJsonArray("dids")),
        Optional.ofNullable(d.getJsonObject("outbound")).map(o -> new OutboundConfig(o.getString("proxy"),
            o.getString("domain", o.getString("proxy")), o.getString("username"), o.getString("password")))))
        .toList();
  }

  /**
   * The outbound wall's rules of the trunks that place calls (docs/security.md): {@code outbound: {region, callerId,
   * international=false, premium=false, maxConcurrent=2, maxPerDay=100, allowedRoles=[], allowedAgents=[],
   * callbacks=true, ringTimeoutSeconds=30}}. Everything not enabled is refused.
   */
  static List<TrunkPolicy> outboundPolicies(List<JsonObject> documents) {
    return documents.stream().filter(d -> d.getJsonObject("outbound") != null).map(d -> {
      JsonObject o = d.getJsonObject("outbound");
      return new TrunkPolicy(d.getString("_id"),
          new DialPlan(o.getString("region", "DE"), o.getBoolean("international", false),
              o.getBoolean("premium", false)),
          o.getString("callerId"), o.getInteger("maxConcurrent", 2), o.getInteger("maxPerDay", 100),
          strings(o.getJsonArray("allowedRoles")), strings(o.getJsonArray("allowedAgents")),
          o.getBoolean("callbacks", true), Duration.ofSeconds(o.getLong("ringTimeoutSeconds", 30L)));
    }).toList();
  }

  /**
   * The trunks whose callers are transferred to a number by REFER to the carrier (RFC 3515) rather than bridged:
   * {@code transfer: "refer"} (default {@code "bridge"}). Such a trunk also needs {@code outbound} rules: the wall
   * admits the number on it, as the carrier places that call (docs/routing.md, "Transfers").
   */
  static java.util.Set<String> referTrunks(List<JsonObject> documents) {
    return documents.stream().filter(d -> "refer".equals(d.getString("transfer", "bridge")))
        .map(d -> d.getString("_id")).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * How stored callbacks are dialled, from the first trunk that places calls: {@code outbound: {callbackPollMillis=2000,
   * callbackAcceptSeconds=20, callbackRetrySeconds=300, callbackMaxAttempts=3}}; null (callbacks stay stored) when
   * no trunk places calls.
   */
  static CallbackSchedule callbackSchedule(List<JsonObject> documents) {
    return documents.stream().map(d -> d.getJsonObject("outbound")).filter(o -> o != null).findFirst()
        .map(o -> new CallbackSchedule(Duration.ofMillis(o.getLong("callbackPollMillis", 2000L)),
            Duration.ofSeconds(o.getLong("callbackAcceptSeconds", 20L)),
            Duration.ofSeconds(o.getLong("callbackRetrySeconds", 300L)), o.getInteger("callbackMaxAttempts", 3),
            Optional.ofNullable(o.getJsonObject("callbackHours")).map(Routing::hours)))
        .orElse(null);
  }

  /** {@code {zone: "Europe/Berlin", days: {"MONDAY": ["09:00-18:00"], ...}, holidays: ["2026-12-25"]}}. */
  static BusinessHours hours(JsonObject json) {
    java.util.Map<java.time.DayOfWeek, List<TimeRange>> week = new java.util.EnumMap<>(java.time.DayOfWeek.class);
    JsonObject days = json.getJsonObject("days", new JsonObject());
    for (String day : days.fieldNames()) {
      week.put(java.time.DayOfWeek.valueOf(day.toUpperCase(java.util.Locale.ROOT)),
          strings(days.getJsonArray(day)).stream().map(TimeRange::parse).toList());
    }
    return new BusinessHours(java.time.ZoneId.of(json.getString("zone", "UTC")), week,
        java.util.Set.copyOf(strings(json.getJsonArray("holidays")).stream().map(java.time.LocalDate::parse).toList()));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
