package io.switchboard.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad frames get an error and change nothing; the socket goes on (proved by a ping after each). */
@ExtendWith(VertxExtension.class)
class AgentSocketValidationTest {

  AgentDesk desk;
  FakeAgent alice;

  @AfterEach
  void stop() {
    desk.stop();
  }

  private void start(Vertx vertx, SignalingConfig config) {
    desk = AgentDesk.start(vertx, config);
    alice = desk.alice();
  }

  private void start(Vertx vertx) {
    start(vertx, SignalingConfig.withSecret(AgentDesk.SECRET));
  }

  @Test
  void notJson_badJson(Vertx vertx) {
    start(vertx);
    assertRefused("{\"type\":\"ping\"", "bad_json", null, null);
    assertRefused("[{\"type\":\"ping\"}]", "bad_json", null, null);
    assertRefused("null", "bad_json", null, null);
    assertRefused("42", "bad_json", null, null);
    assertRefused("{\"type\":\"ping\"} trailing", "bad_json", null, null);
  }

  @Test
  void deeplyNestedJson_badJsonNotAStackOverflow(Vertx vertx) {
    start(vertx);
    assertRefused("{\"a\":".repeat(6000) + "1" + "}".repeat(6000), "bad_json", null, null);
  }

  @Test
  void binaryFrame_badJson(Vertx vertx) {
    start(vertx);
    alice.sendBinary(Buffer.buffer("{\"type\":\"ping\"}"));

    assertThat(alice.next("error").getString("code")).isEqualTo("bad_json");
    alice.assertAlive();
  }

  @Test
  void unknownType_unknownTypeWithTheId(Vertx vertx) {
    start(vertx);
    assertRefused("{\"type\":\"call.transfer\",\"id\":\"a\",\"callId\":\"c-1\"}", "unknown_type", null, "a");
  }

  @Test
  void missingOrMistypedType_invalidField(Vertx vertx) {
    start(vertx);
    assertRefused("{\"id\":\"a\"}", "invalid_field", "type", "a");
    assertRefused("{\"type\":7}", "invalid_field", "type", null);
  }

  @Test
  void missingField_invalidFieldNamingIt(Vertx vertx) {
    start(vertx);
    assertRefused("{\"type\":\"call.answer\",\"id\":\"b\"}", "invalid_field", "callId", "b");
    assertRefused("{\"type\":\"call.hold\",\"callId\":\"c-1\"}", "invalid_field", "on", null);
    assertRefused("{\"type\":\"media.offer\",\"sdp\":\"\"}", "invalid_field", "sdp", null);
    assertRefused("{\"type\":\"state.set\",\"state\":\"not_ready\"}", "invalid_field", "reason", null);
  }

  @Test
  void wrongType_invalidField(Vertx vertx) {
    start(vertx);
    assertRefused("{\"type\":\"call.hold\",\"callId\":\"c-1\",\"on\":\"yes\"}", "invalid_field", "on", null);
    assertRefused("{\"type\":\"call.answer\",\"callId\":42}", "invalid_field", "callId", null);
    assertRefused("{\"type\":\"call.answer\",\"callId\":null}", "invalid_field", "callId", null);
    assertRefused("{\"type\":\"ping\",\"id\":5}", "invalid_field", "id", null);
    assertRefused("{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}", "invalid_field", "id", null);
  }

  @Test
  void valueNotAllowed_invalidField(Vertx vertx) {
    start(vertx);
    assertRefused("{\"type\":\"state.set\",\"state\":\"on_call\"}", "invalid_field", "state", null);
    assertRefused("{\"type\":\"state.set\",\"state\":\"not_ready\",\"reason\":\"nap\"}", "invalid_field", "reason",
        null);
    assertRefused("{\"type\":\"state.set\",\"state\":\"ready\",\"reason\":\"lunch\"}", "invalid_field", "reason",
        null);
    assertRefused("{\"type\":\"call.answer\",\"callId\":\"c 1; drop\"}", "invalid_field", "callId", null);
  }

  @Test
  void digitsOutsideRfc4733_invalidField(Vertx vertx) {
    start(vertx);
    for (String digits : new String[] {"", "12x", "abcd", "1".repeat(33), "1 2"}) {
      assertRefused(new JsonObject().put("type", "call.dtmf").put("callId", "c-1").put("digits", digits).encode(),
          "invalid_field", "digits", null);
    }
  }

  @Test
  void extraField_invalidFieldNamingIt(Vertx vertx) {
    start(vertx);
    assertRefused("{\"type\":\"call.answer\",\"id\":\"e\",\"callId\":\"c-1\",\"force\":true}", "invalid_field",
        "force", "e");
    assertRefused("{\"type\":\"ping\",\"extra\":1}", "invalid_field", "extra", null);
  }

  @Test
  void frameOverTheLimit_closes1009(Vertx vertx) {
    start(vertx, SignalingConfig.withSecret(AgentDesk.SECRET).withMaxFrameBytes(1024));

    alice.send(new JsonObject().put("type", "media.offer").put("sdp", "v".repeat(1100)));

    assertThat(alice.awaitClose()).isEqualTo(1009);
    desk.callControl.next("disconnected");
  }

  @Test
  void fragmentedMessageOverTheLimit_closes1009(Vertx vertx) {
    start(vertx, SignalingConfig.withSecret(AgentDesk.SECRET).withMaxFrameBytes(1024));

    alice.sendFrame(WebSocketFrame.textFrame("{\"type\":\"media.offer\",\"sdp\":\"" + "v".repeat(600), false));
    alice.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("v".repeat(600) + "\"}"), true));

    assertThat(alice.awaitClose()).isEqualTo(1009);
  }

  @Test
  void frameOfExactlyTheLimit_isAccepted(Vertx vertx) {
    start(vertx, SignalingConfig.withSecret(AgentDesk.SECRET).withMaxFrameBytes(1024));
    String head = "{\"type\":\"media.offer\",\"sdp\":\"";
    String frame = head + "v".repeat(1024 - head.length() - 2) + "\"}";
    assertThat(frame).hasSize(1024);

    alice.sendText(frame);

    alice.next("media.answer");
  }

  @Test
  void fragmentedMessageWithinTheLimit_isAccepted(Vertx vertx) {
    start(vertx);

    alice.sendFrame(WebSocketFrame.textFrame("{\"type\":\"pi", false));
    alice.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("ng\",\"id\":\"f"), false));
    alice.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"}"), true));

    alice.next("pong");
    assertThat(alice.next("ack").getString("id")).isEqualTo("f");
  }

  @Test
  void moreFramesPerSecondThanAllowed_areDroppedWithRateLimited(Vertx vertx) {
    start(vertx, SignalingConfig.withSecret(AgentDesk.SECRET).withMaxFramesPerSecond(5));

    for (int i = 0; i < 20; i++) {
      alice.send(new JsonObject().put("type", "call.hangup").put("id", "r" + i).put("callId", "c-1"));
    }

    int acked = 0;
    int limited = 0;
    for (int i = 0; i < 20; i++) {
      JsonObject reply = alice.next();
      assertThat(reply.getString("id")).isEqualTo("r" + i);
      if (reply.getString("type").equals("ack")) {
        acked++;
      } else {
        assertThat(reply.getString("code")).isEqualTo("rate_limited");
        limited++;
      }
    }
    assertThat(limited).isPositive();
    assertThat(acked).isGreaterThanOrEqualTo(5);
    for (int i = 0; i < acked; i++) {
      desk.callControl.next("hangup");
    }
    assertThat(desk.callControl.nothingMore()).as("dropped frames never reach call control").isTrue();
    assertThat(alice.isClosed()).isFalse();
  }

  private void assertRefused(String text, String code, String field, String id) {
    alice.sendText(text);
    JsonObject error = alice.next("error");
    assertThat(error.getString("code")).as("%s → %s", text, error).isEqualTo(code);
    assertThat(error.getString("message")).isNotBlank();
    assertThat(error.getString("field")).as("field of %s", error).isEqualTo(field);
    if (field != null) {
      assertThat(error.getString("message")).contains(field);
    }
    assertThat(error.getString("id")).isEqualTo(id);
    assertThat(desk.callControl.nothingMore()).as("call control untouched by %s", text).isTrue();
    alice.assertAlive();
  }
}
