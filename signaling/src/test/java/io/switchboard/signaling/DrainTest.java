package io.switchboard.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.signaling.AgentDesk.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A drain before a stop (docs/reliability.md): new sign-ins are refused with a reason, signed-in agents stay. */
@ExtendWith(VertxExtension.class)
class DrainTest {

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
  void whileDraining_aNewSignInGets503WithTheReason_andASignedInAgentKeepsWorking() {
    String token = desk.tokenFor("alice", AgentDesk.ALICE_PASSWORD);

    desk.signaling.drain(Duration.ofSeconds(90));

    Reply refused = desk.login("alice", AgentDesk.ALICE_PASSWORD);
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.headers().get("Retry-After")).isEqualTo("90");
    assertThat(refused.headers().get("Cache-Control")).isEqualTo("no-store");
    JsonObject body = refused.json();
    assertThat(body.getString("code")).isEqualTo("server_draining");
    assertThat(body.getString("message")).contains("shutting down").contains("calls in progress go on");
    // An agent with a token from before the drain (a reloaded page) still gets in, to finish their call.
    FakeAgent alice = desk.connect().auth(token);
    assertThat(alice.next("welcome").getJsonObject("agent").getString("username")).isEqualTo("alice");
  }
}
