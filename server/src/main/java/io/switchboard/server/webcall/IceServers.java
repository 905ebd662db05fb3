package io.switchboard.server.webcall;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The {@code iceServers} a browser's RTCPeerConnection gets (W3C webrtc-pc §4.2.1 RTCIceServer): the configured STUN
 * servers, and coturn with fresh ephemeral credentials for whoever asks. The server itself is ICE-lite with host
 * candidates, so a browser behind a strict NAT reaches it through a TURN relay; the server accepts the checks that
 * come from the relay's address like any other (RFC 8445 §7.3.1.3).
 */
public final class IceServers {
  private final WebCallConfig.Ice config;

  public IceServers(WebCallConfig.Ice config) {
    this.config = config;
  }

  /** For {@code user} (an agent's name, {@code web} for website callers); an empty list without configuration. */
  public JsonArray forUser(String user, Instant now) {
    JsonArray servers = new JsonArray();
    if (!config.stunUrls().isEmpty()) {
      servers.add(new JsonObject().put("urls", new JsonArray(config.stunUrls())));
    }
    if (!config.turnUrls().isEmpty()) {
      TurnCredentials c = TurnCredentials.issue(config.turnSecret(), now, config.credentialLifetime(), user);
      servers.add(new JsonObject().put("urls", new JsonArray(config.turnUrls())).put("username", c.username())
          .put("credential", c.credential()));
    }
    return servers;
  }
}
