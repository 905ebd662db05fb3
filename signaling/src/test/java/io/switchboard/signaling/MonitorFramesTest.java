package io.switchboard.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The supervisors' monitor.* frames: validated like every other frame, refused where nobody may monitor. */
@ExtendWith(VertxExtension.class)
class MonitorFramesTest {
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
  void aModeOutsideListenWhisperBarge_isInvalid_andChangesNothing() {
    for (String mode : new String[] {"spy", "", "LISTEN"}) {
      alice.send(new JsonObject().put("type", "monitor.start").put("id", "m1").put("callId", "c-1").put("mode", mode));
      JsonObject error = alice.next("error");
      assertThat(error.getString("code")).isEqualTo("invalid_field");
      assertThat(error.getString("field")).isEqualTo("mode");
    }
    alice.send(new JsonObject().put("type", "monitor.stop").put("id", "m2"));
    assertThat(alice.next("error").getString("field")).isEqualTo("callId");
    assertThat(desk.callControl.nothingMore()).isTrue();
    alice.assertAlive();
  }

  @Test
  void validFrames_withoutSupervisorCommands_areRefusedAsNotAllowed() {
    JsonObject[] frames = {
        new JsonObject().put("type", "monitor.start").put("callId", "c-1").put("mode", "listen"),
        new JsonObject().put("type", "monitor.mode").put("callId", "c-1").put("mode", "barge"),
        new JsonObject().put("type", "monitor.stop").put("callId", "c-1")};
    int id = 0;
    for (JsonObject frame : frames) {
      alice.send(frame.put("id", "s" + ++id));
      JsonObject error = alice.next("error");
      assertThat(error.getString("code")).as(frame.encode()).isEqualTo("not_allowed");
      assertThat(error.getString("id")).isEqualTo("s" + id);
    }
    alice.assertAlive();
  }
}
