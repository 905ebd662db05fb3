package io.switchboard.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.signaling.AgentDesk.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class LoginTest {

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
  void rightPassword_returnsTwelveHourTokenAndTheAgent() {
    Reply reply = desk.login("alice", AgentDesk.ALICE_PASSWORD);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers().get("Cache-Control")).isEqualTo("no-store");
    JsonObject body = reply.json();
    assertThat(body.getString("token")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    assertThat(body.getJsonObject("agent")).isEqualTo(new JsonObject()
        .put("id", "a-alice").put("username", "alice").put("name", "Alice Smith")
        .put("roles", new JsonArray().add("agent")));
    assertThat(body.getInteger("expiresInSeconds")).isEqualTo(43200);
    assertThat(body.encode()).doesNotContain("passwordHash").doesNotContain("$2a$");
  }

  @Test
  void wrongPasswordAndUnknownUser_get401WithTheSameMessage() {
    Reply wrongPassword = desk.login("alice", "not her password");
    Reply unknownUser = desk.login("mallory", AgentDesk.ALICE_PASSWORD);

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
    assertThat(wrongPassword.json().getString("code")).isEqualTo("auth_failed");
  }

  @Test
  void malformedRequests_get400WithAMessage() {
    assertBadRequest(desk.post("application/json", "{\"username\":"), "bad_json");
    assertBadRequest(desk.post("application/json", "[\"alice\",\"pw\"]"), "bad_json");
    assertBadRequest(desk.post("application/json", ""), "bad_json");
    assertBadRequest(desk.post("application/json", "{\"username\":\"alice\"}"), "invalid_field", "password");
    assertBadRequest(desk.post("application/json", "{\"username\":7,\"password\":\"x\"}"), "invalid_field",
        "username");
    assertBadRequest(desk.post("application/json", "{\"username\":\"\",\"password\":\"x\"}"), "invalid_field",
        "username");
    assertBadRequest(desk.post("application/json",
        "{\"username\":\"alice\",\"password\":\"x\",\"admin\":true}"), "invalid_field", "admin");
    assertBadRequest(desk.post("application/x-www-form-urlencoded", "username=alice&password=x"), "invalid_field",
        "Content-Type");
  }

  @Test
  void bodyOver4KiB_gets400() {
    String big = new JsonObject().put("username", "alice").put("password", "x".repeat(5000)).encode();

    assertBadRequest(desk.post("application/json", big), "invalid_field", "4096");
  }

  @Test
  void eleventhAttemptFromOneAddressWithinAMinute_gets429() {
    // Ten different usernames: no username reaches its lockout, only the address its rate.
    for (int i = 0; i < 10; i++) {
      assertThat(desk.login("user" + i, "guess " + i).status()).as("attempt %d", i + 1).isEqualTo(401);
    }

    Reply limited = desk.login("alice", AgentDesk.ALICE_PASSWORD);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().getString("code")).isEqualTo("rate_limited");
    assertThat(Integer.parseInt(limited.headers().get("Retry-After"))).isBetween(1, 60);
  }

  @Test
  void fiveWrongPasswordsForOneUsername_lockIt_evenTheRightPasswordGets429WithAClearMessage() {
    for (int i = 0; i < 5; i++) {
      assertThat(desk.login("alice", "guess " + i).status()).as("guess %d", i + 1).isEqualTo(401);
    }

    Reply locked = desk.login("alice", AgentDesk.ALICE_PASSWORD);

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().getString("code")).isEqualTo("rate_limited");
    assertThat(locked.json().getString("message")).contains("username").contains("try again in 60 s");
    assertThat(locked.headers().get("Retry-After")).isEqualTo("60");
    // Another username from the same address is not held back.
    assertThat(desk.login("mallory", "x").status()).isEqualTo(401);
  }

  @Test
  void wrongPasswordsForManyUsernamesFromOneAddress_lockTheAddress(Vertx vertx) {
    desk.stop();
    desk = AgentDesk.start(vertx, SignalingConfig.withSecret(AgentDesk.SECRET)
        .withLoginLockout(new LoginLockoutConfig(3, 5, java.time.Duration.ofSeconds(30),
            java.time.Duration.ofMinutes(5))));
    for (String user : new String[] {"bob", "carol", "dave"}) {
      assertThat(desk.login(user, "guess").status()).isEqualTo(401);
    }

    Reply locked = desk.login("alice", AgentDesk.ALICE_PASSWORD);

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().getString("message")).contains("address").contains("try again in 30 s");
  }

  private static void assertBadRequest(Reply reply, String code, String... messageMentions) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(400);
    assertThat(reply.json().getString("code")).isEqualTo(code);
    assertThat(reply.json().getString("message")).isNotBlank();
    for (String mention : messageMentions) {
      assertThat(reply.json().getString("message")).contains(mention);
    }
  }
}
