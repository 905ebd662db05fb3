package io.switchboard.signaling;

import static io.switchboard.signaling.FakeAgent.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link AgentSignaling#authenticate}: what the server's HTTP API trusts a bearer token with. */
@ExtendWith(VertxExtension.class)
class BearerAuthenticationTest {

  AgentDesk desk;

  @BeforeEach
  void start(Vertx vertx) {
    desk = AgentDesk.start(vertx);
  }

  @AfterEach
  void stop() {
    desk.stop();
  }

  @Test
  void loginToken_authenticatesAsTheStoredAccount_andCarriesTheRolesClaim() {
    String token = desk.tokenFor("alice", AgentDesk.ALICE_PASSWORD);

    AgentAccount account = await(desk.signaling.authenticate(token));

    assertThat(account.id()).isEqualTo("a-alice");
    assertThat(account.roles()).containsExactly("agent");
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        StandardCharsets.UTF_8));
    assertThat(payload.getJsonArray("roles")).isEqualTo(new JsonArray().add("agent"));
    assertThat(payload.getString("iss")).isEqualTo("switchboard");
    assertThat(payload.getValue("aud")).isIn("switchboard-agent", new JsonArray().add("switchboard-agent"));
  }

  @Test
  void rolesComeFromTheAccountAsStoredNow_notFromTheToken() {
    String token = desk.tokenFor("alice", AgentDesk.ALICE_PASSWORD);
    AgentAccount alice = desk.accounts.get("alice");
    desk.accounts.put("alice", new AgentAccount(alice.id(), alice.username(), alice.name(), alice.passwordHash(),
        List.of(AgentAccount.SUPERVISOR)));

    assertThat(await(desk.signaling.authenticate(token)).roles()).containsExactly("supervisor");
  }

  @Test
  void missingGarbageForgedExpiredAndWrongAudienceTokens_failWithAuthFailedAndAReason() {
    assertRejected(null, "missing token");
    assertRejected(" ", "missing token");
    assertRejected("not-a-jwt", "invalid token");
    assertRejected("x".repeat(5000), "invalid token");
    assertRejected(sign("another secret that is long enough!!", claims("switchboard-agent", 3600)), "invalid token");
    assertRejected(sign(new String(AgentDesk.SECRET, StandardCharsets.UTF_8), claims("switchboard-agent", -10)),
        "token expired");
    assertRejected(sign(new String(AgentDesk.SECRET, StandardCharsets.UTF_8), claims("someone-else", 3600)),
        "invalid token");
  }

  @Test
  void tokenOfADeletedAccount_isUnknownAgent() {
    String token = desk.tokenFor("bob", AgentDesk.BOB_PASSWORD);
    desk.accounts.remove("bob");

    assertRejected(token, "unknown agent");
  }

  @Test
  void unknownRole_isRefusedWhenTheAccountIsMade() {
    assertThatThrownBy(() -> new AgentAccount("a-1", "x", "X", "hash", List.of("root")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("root");
    assertThat(new AgentAccount("a-1", "x", "X", "hash").roles()).containsExactly("agent");
  }

  private void assertRejected(String token, String reason) {
    assertThatThrownBy(() -> await(desk.signaling.authenticate(token)))
        .isInstanceOfSatisfying(SignalingException.class, e -> {
          assertThat(e.code()).isEqualTo("auth_failed");
          assertThat(e.getMessage()).isEqualTo(reason);
        });
  }

  private static JsonObject claims(String audience, long expiresInSeconds) {
    return new JsonObject().put("sub", "a-alice").put("username", "alice")
        .put("iss", "switchboard").put("aud", audience)
        .put("exp", System.currentTimeMillis() / 1000 + expiresInSeconds);
  }

  private String sign(String secret, JsonObject claims) {
    JWTAuth jwt = JWTAuth.create(desk.vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256"));
  }
}
