package io.switchboard.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.signaling.FakeCallControl.Invocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class AgentSocketCommandsTest {

  AgentDesk desk;
  FakeAgent alice;

  @BeforeEach
  void start(Vertx vertx) {
    desk = AgentDesk.start(vertx);
    alice = desk.alice();
  }

  @AfterEach
  void stop() {
    desk.stop();
  }

  @Test
  void mediaOffer_getsMediaAnswerThenAck() {
    alice.send(frame("media.offer", "1").put("sdp", "v=0 offer"));

    assertThat(alice.next("media.answer")).isEqualTo(new JsonObject()
        .put("type", "media.answer").put("sdp", "v=0 answer").put("sessionId", "k2Jd8aPq0Z"));
    assertThat(alice.next("ack").getString("id")).isEqualTo("1");
    assertCalled("mediaOffer", "v=0 offer");
  }

  @Test
  void stateSet_readyAndNotReadyWithAnOfferedReason() {
    assertAcked(frame("state.set", "2").put("state", "ready"), "setState", "ready", null);
    assertAcked(frame("state.set", "3").put("state", "not_ready").put("reason", "lunch"),
        "setState", "not_ready", "lunch");
  }

  @Test
  void callCommands_reachCallControlWithTheirArguments() {
    assertAcked(frame("call.answer", "4").put("callId", "c-7f3a"), "answer", "c-7f3a");
    assertAcked(frame("call.reject", "5").put("callId", "c-7f3a"), "reject", "c-7f3a");
    assertAcked(frame("call.hangup", "6").put("callId", "c-7f3a"), "hangup", "c-7f3a");
    assertAcked(frame("call.hold", "7").put("callId", "c-7f3a").put("on", true), "hold", "c-7f3a", true);
    assertAcked(frame("call.hold", "8").put("callId", "c-7f3a").put("on", false), "hold", "c-7f3a", false);
    assertAcked(frame("call.mute", "9").put("callId", "c-7f3a").put("on", true), "mute", "c-7f3a", true);
    assertAcked(frame("call.dtmf", "10").put("callId", "c-7f3a").put("digits", "0123456789*#ABCD"),
        "dtmf", "c-7f3a", "0123456789*#ABCD");
  }

  @Test
  void frameWithoutId_isCarriedOutWithoutAck() {
    alice.send(new JsonObject().put("type", "call.hangup").put("callId", "c-1"));

    assertCalled("hangup", "c-1");
    alice.assertAlive(); // the pong and its ack are the next frames: no ack for the hangup came before them
  }

  @Test
  void ping_getsPong() {
    alice.send(new JsonObject().put("type", "ping"));

    assertThat(alice.next()).isEqualTo(new JsonObject().put("type", "pong"));
  }

  @Test
  void signalingException_becomesAnErrorWithItsCode() {
    desk.callControl.onCommand = inv -> Future.failedFuture(new SignalingException("no_such_call", "no call c-9"));

    alice.send(frame("call.answer", "11").put("callId", "c-9"));

    assertThat(alice.next("error")).isEqualTo(new JsonObject()
        .put("type", "error").put("code", "no_such_call").put("message", "no call c-9").put("id", "11"));
    desk.callControl.next("answer");
    alice.assertAlive();
  }

  @Test
  void mediaRequired_reachesTheAgentAsItsCode() {
    desk.callControl.onCommand = inv -> Future.failedFuture(new SignalingException("media_required", "connect audio"));

    alice.send(frame("state.set", "12").put("state", "ready"));

    assertThat(alice.next("error").getString("code")).isEqualTo("media_required");
  }

  @Test
  void anyOtherFailure_isInternalWithoutItsDetails() {
    desk.callControl.onCommand = inv -> Future.failedFuture(new IllegalStateException("db password is swordfish"));
    alice.send(frame("call.hangup", "13").put("callId", "c-1"));
    JsonObject failed = alice.next("error");

    desk.callControl.onCommand = inv -> {
      throw new NullPointerException("bug");
    };
    alice.send(frame("call.hangup", "14").put("callId", "c-1"));
    JsonObject thrown = alice.next("error");

    desk.callControl.onCommand = inv -> null;
    alice.send(frame("call.hangup", "15").put("callId", "c-1"));
    JsonObject nullFuture = alice.next("error");

    for (JsonObject error : List.of(failed, thrown, nullFuture)) {
      assertThat(error.getString("code")).isEqualTo("internal");
      assertThat(error.getString("message")).startsWith("internal error (ref ").doesNotContain("swordfish");
    }
    assertThat(List.of(failed.getString("id"), thrown.getString("id"), nullFuture.getString("id")))
        .containsExactly("13", "14", "15");
    alice.assertAlive();
  }

  @Test
  void secondAuth_isNotAllowed() {
    alice.send(frame("auth", "16").put("token", "whatever"));

    JsonObject error = alice.next("error");
    assertThat(error.getString("code")).isEqualTo("not_allowed");
    assertThat(error.getString("id")).isEqualTo("16");
    alice.assertAlive();
  }

  private void assertAcked(JsonObject frame, String command, Object... args) {
    alice.send(frame);
    assertThat(alice.next("ack").getString("id")).isEqualTo(frame.getString("id"));
    assertCalled(command, args);
  }

  private void assertCalled(String command, Object... args) {
    Invocation invocation = desk.callControl.next(command);
    assertThat(invocation.args()).isEqualTo(Arrays.asList(args));
    assertThat(invocation.connection().agent().id()).isEqualTo("a-alice");
  }

  private static JsonObject frame(String type, String id) {
    return new JsonObject().put("type", type).put("id", id);
  }
}
