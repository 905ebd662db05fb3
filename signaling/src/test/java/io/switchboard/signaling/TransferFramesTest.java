package io.switchboard.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code transfer.*} (docs/protocol.md, "Transfers"): blind takes exactly one of agent, queue and number; consult one
 * of agent and number; a number is digits only, so nothing that could carry a SIP URI reaches call control. Call
 * control without transfers answers {@code not_allowed} (the interface's default).
 */
@ExtendWith(VertxExtension.class)
class TransferFramesTest {

  AgentDesk desk;
  FakeAgent alice;

  @AfterEach
  void stop() {
    desk.stop();
  }

  @Test
  void validFrames_reachCallControl_whichRefusesByDefault(Vertx vertx) {
    start(vertx);
    for (String frame : new String[] {
        "{\"type\":\"transfer.blind\",\"id\":\"t1\",\"callId\":\"c-1\",\"agent\":\"a-bob\"}",
        "{\"type\":\"transfer.blind\",\"id\":\"t1\",\"callId\":\"c-1\",\"queue\":\"sales\"}",
        "{\"type\":\"transfer.blind\",\"id\":\"t1\",\"callId\":\"c-1\",\"number\":\"+4915112345678\"}",
        "{\"type\":\"transfer.consult\",\"id\":\"t1\",\"callId\":\"c-1\",\"agent\":\"a-bob\"}",
        "{\"type\":\"transfer.consult\",\"id\":\"t1\",\"callId\":\"c-1\",\"number\":\"015112345678\"}",
        "{\"type\":\"transfer.complete\",\"id\":\"t1\",\"callId\":\"c-1\"}",
        "{\"type\":\"transfer.cancel\",\"id\":\"t1\",\"callId\":\"c-1\"}",
        "{\"type\":\"transfer.targets\",\"id\":\"t1\"}"}) {
      alice.sendText(frame);
      JsonObject error = alice.next("error");
      assertThat(error.getString("code")).as(frame).isEqualTo("not_allowed");
      assertThat(error.getString("id")).isEqualTo("t1");
      alice.assertAlive();
    }
  }

  @Test
  void noTargetTwoTargetsOrSmuggledParts_areInvalidFields(Vertx vertx) {
    start(vertx);
    assertInvalid("{\"type\":\"transfer.blind\",\"callId\":\"c-1\"}", "agent");
    assertInvalid("{\"type\":\"transfer.blind\",\"callId\":\"c-1\",\"agent\":\"a-bob\",\"queue\":\"sales\"}", "agent");
    assertInvalid("{\"type\":\"transfer.consult\",\"callId\":\"c-1\",\"queue\":\"sales\"}", "queue");
    assertInvalid("{\"type\":\"transfer.blind\",\"callId\":\"c-1\",\"number\":\"sip:+49151@evil.example\"}",
        "number");
    assertInvalid("{\"type\":\"transfer.consult\",\"callId\":\"c-1\",\"number\":\"+49151;user=phone\"}", "number");
    assertInvalid("{\"type\":\"transfer.blind\",\"callId\":\"c-1\",\"agent\":\"../admin\"}", "agent");
    assertInvalid("{\"type\":\"transfer.complete\"}", "callId");
    assertInvalid("{\"type\":\"transfer.cancel\",\"callId\":\"c-1\",\"number\":\"+4915112345678\"}", "number");
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
