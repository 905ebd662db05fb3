package io.switchboard.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code call.dial} (docs/protocol.md): exactly one of a digits-only number and a reference; anything that could
 * carry a SIP URI is refused by the schema before call control sees it. Call control without outbound support
 * answers {@code not_allowed} (the interface's default).
 */
@ExtendWith(VertxExtension.class)
class CallDialFrameTest {

  AgentDesk desk;
  FakeAgent alice;

  @AfterEach
  void stop() {
    desk.stop();
  }

  @Test
  void validNumberOrReference_reachCallControl_whichRefusesByDefault(Vertx vertx) {
    start(vertx);
    for (String frame : new String[] {
        "{\"type\":\"call.dial\",\"id\":\"d1\",\"number\":\"+4915112345678\"}",
        "{\"type\":\"call.dial\",\"id\":\"d1\",\"ref\":\"c-7f3a\"}"}) {
      alice.sendText(frame);
      JsonObject error = alice.next("error");
      assertThat(error.getString("code")).as(frame).isEqualTo("not_allowed");
      assertThat(error.getString("id")).isEqualTo("d1");
      alice.assertAlive();
    }
  }

  @Test
  void neitherBothOrSmuggledParts_areInvalidFields(Vertx vertx) {
    start(vertx);
    assertInvalid("{\"type\":\"call.dial\"}", "number");
    assertInvalid("{\"type\":\"call.dial\",\"number\":\"+4915112345678\",\"ref\":\"c-1\"}", "number");
    assertInvalid("{\"type\":\"call.dial\",\"number\":\"+49151@evil.example\"}", "number");
    assertInvalid("{\"type\":\"call.dial\",\"number\":\"+49151;user=phone\"}", "number");
    assertInvalid("{\"type\":\"call.dial\",\"number\":\"1\"}", "number");
    assertInvalid("{\"type\":\"call.dial\",\"ref\":\"../calls\"}", "ref");
    assertInvalid("{\"type\":\"call.dial\",\"number\":4915112345678}", "number");
  }

  private void start(Vertx vertx) {
    desk = AgentDesk.start(vertx, SignalingConfig.withSecret(AgentDesk.SECRET));
    alice = desk.alice();
  }

  private void assertInvalid(String text, String field) {
    alice.sendText(text);
    JsonObject error = alice.next("error");
    assertThat(error.getString("code")).as("%s → %s", text, error).isEqualTo("invalid_field");
    assertThat(error.getString("field")).as(text).isEqualTo(field);
    assertThat(desk.callControl.nothingMore()).as("call control untouched by %s", text).isTrue();
    alice.assertAlive();
  }
}
