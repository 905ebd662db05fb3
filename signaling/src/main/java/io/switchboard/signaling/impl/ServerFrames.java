package io.switchboard.signaling.impl;

import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.MediaAnswer;
import io.switchboard.signaling.Welcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** The server → client frames that signaling itself writes (docs/protocol.md, "Server → client"). */
final class ServerFrames {

  private ServerFrames() {
  }

  static JsonObject welcome(AgentAccount agent, Welcome welcome) {
    JsonObject frame = new JsonObject()
        .put("type", "welcome")
        .put("agent", new JsonObject().put("id", agent.id()).put("username", agent.username())
            .put("name", agent.name()))
        .put("state", welcome.state());
    if (welcome.reason() != null) {
      frame.put("reason", welcome.reason());
    }
    return frame.put("notReadyReasons", new JsonArray(welcome.notReadyReasons()));
  }

  static JsonObject mediaAnswer(MediaAnswer answer) {
    return new JsonObject().put("type", "media.answer").put("sdp", answer.sdp()).put("sessionId", answer.sessionId());
  }

  static JsonObject ack(String id) {
    return new JsonObject().put("type", "ack").put("id", id);
  }

  static JsonObject pong() {
    return new JsonObject().put("type", "pong");
  }

  /** {@code field} names the offending field of an {@code invalid_field} error; null otherwise. */
  static JsonObject error(String code, String message, String field, String id) {
    JsonObject frame = new JsonObject().put("type", "error").put("code", code).put("message", message);
    if (field != null) {
      frame.put("field", field);
    }
    if (id != null) {
      frame.put("id", id);
    }
    return frame;
  }

  /** RFC 6455 §5.5: a control frame's payload is ≤ 125 bytes, 2 of them the code, so the reason ≤ 123 UTF-8 bytes. */
  static String closeReason(String reason) {
    if (reason == null) {
      return "";
    }
    String r = reason;
    while (r.getBytes(StandardCharsets.UTF_8).length > 123) {
      r = r.substring(0, r.length() - 1);
    }
    return r;
  }
}
