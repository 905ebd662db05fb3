package io.switchboard.server;

import io.switchboard.gateway.DigestCredentials;
import io.switchboard.gateway.Registration;
import io.switchboard.gateway.TrunkConfig;
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
   * registration?: {registrar, username, password, domain, expiresSeconds}}}.
   */
  static List<TrunkConfig> trunks(List<JsonObject> documents) {
    return documents.stream().map(d -> new TrunkConfig(d.getString("_id"),
        strings(d.getJsonArray("allowedSources")),
        Optional.ofNullable(d.getJsonObject("inboundDigest")).map(a -> new DigestCredentials(
            a.getString("username"), a.getString("password"), a.getString("realm"))),
        Optional.ofNullable(d.getJsonObject("registration")).map(r -> new Registration(r.getString("registrar"),
            r.getString("username"), r.getString("password"), r.getString("domain"),
            Duration.ofSeconds(r.getLong("expiresSeconds", 3600L)))),
        strings(d.getJsonArray("dids")))).toList();
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
