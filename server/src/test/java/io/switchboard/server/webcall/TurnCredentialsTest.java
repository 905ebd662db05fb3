package io.switchboard.server.webcall;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * coturn's REST API credentials (turnserver.conf, "use-auth-secret": usercombo = "timestamp:userid", turn user =
 * usercombo, turn password = base64(hmac-sha1(secret, usercombo)), the timestamp being when it expires). The
 * expected passwords were computed apart from this code, with OpenSSL:
 * {@code echo -n "1700003600:alice" | openssl dgst -sha1 -hmac coturn-shared-secret -binary | base64}.
 */
class TurnCredentialsTest {
  private static final String SECRET = "coturn-shared-secret";
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

  @Test
  void usernameIsTheExpiryAndTheUser_passwordIsBase64HmacSha1OfIt() {
    TurnCredentials c = TurnCredentials.issue(SECRET, NOW, Duration.ofHours(1), "alice");
    assertThat(c.username()).isEqualTo("1700003600:alice");
    assertThat(c.credential()).isEqualTo("igdZ8kesMome7M9yvKcGWZZbLTc=");
    assertThat(c.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_700_003_600L));
  }

  @Test
  void withoutAUser_theUsernameIsTheExpiryAlone() {
    TurnCredentials c = TurnCredentials.issue(SECRET, NOW, Duration.ofHours(1), null);
    assertThat(c.username()).isEqualTo("1700003600");
    assertThat(c.credential()).isEqualTo("ugtJxn6L3xKJ9BPlwtAxbFwdI0s=");
  }

  @Test
  void anotherSecretGivesAnotherPassword() {
    assertThat(TurnCredentials.issue("other", NOW, Duration.ofHours(1), "alice").credential())
        .isNotEqualTo("igdZ8kesMome7M9yvKcGWZZbLTc=");
  }

  @Test
  void iceServers_stunAsConfigured_turnWithFreshCredentials_noneWithoutConfiguration() {
    IceServers servers = new IceServers(new WebCallConfig.Ice(List.of("stun:stun.example.com:3478"),
        List.of("turn:turn.example.com:3478?transport=udp"), SECRET, Duration.ofHours(1)));
    JsonArray list = servers.forUser("web", NOW);
    assertThat(list).hasSize(2);
    assertThat(list.getJsonObject(0)).isEqualTo(new JsonObject()
        .put("urls", new JsonArray().add("stun:stun.example.com:3478")));
    JsonObject turn = list.getJsonObject(1);
    assertThat(turn.getString("username")).isEqualTo("1700003600:web");
    assertThat(turn.getString("credential"))
        .isEqualTo(TurnCredentials.password(SECRET, "1700003600:web"));
    assertThat(new IceServers(WebCallConfig.Ice.none()).forUser("web", NOW)).isEmpty();
  }
}
