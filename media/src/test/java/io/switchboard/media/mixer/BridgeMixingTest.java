package io.switchboard.media.mixer;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.bridge.Bridge;
import io.switchboard.media.testpeer.Goertzel;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge with a mixer stage: the two-party path stays a byte-for-byte relay until a side is told to hear more
 * than its partner, and goes back to the relay when the mixer is gone.
 */
class BridgeMixingTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void withoutAThirdParty_theRelayPassesPayloadsThroughUntouched() {
    FakeStream caller = new FakeStream("caller", true);
    FakeStream agent = new FakeStream("agent", true);
    Bridge bridge = Bridge.connect(caller, agent, null);
    byte[] frame = FakeStream.tone(1000, 8000, 0, true);
    caller.receive(frame);
    assertThat(agent.sent).hasSize(1);
    assertThat(agent.sent.get(0).payload()).isEqualTo(frame);

    // A listener joins: caller and agent hear each other by the same untouched relay.
    Mixer mixer = bridge.mix(vertx);
    FakeStream supervisor = new FakeStream("supervisor", true);
    mixer.join(supervisor).hears(List.of(bridge.callerVoice(), bridge.agentVoice()));
    byte[] next = FakeStream.tone(1000, 8000, 1, true);
    caller.receive(next);
    assertThat(agent.sent).hasSize(2);
    assertThat(agent.sent.get(1).payload()).isEqualTo(next);
    bridge.disconnect();
  }

  @Test
  void aMixedSide_getsTheMixerInsteadOfTheRelay_andTheRelayAgainOnceUnmixed() {
    FakeStream caller = new FakeStream("caller", true);
    FakeStream agent = new FakeStream("agent", false);
    Bridge bridge = Bridge.connect(caller, agent, null);
    Mixer manual = bridge.mix(Mixer.unclocked());
    FakeStream supervisor = new FakeStream("supervisor", true);
    Participant s = manual.join(supervisor);
    bridge.agentVoice().hears(List.of(bridge.callerVoice(), s));
    int before = agent.sent.size();
    for (int f = 0; f < 5; f++) {
      caller.receive(FakeStream.tone(1000, 8000, f, true));
    }
    assertThat(agent.sent.size()).as("no relay to a mixed side").isEqualTo(before);
    manual.tick();
    assertThat(agent.sent.size()).as("the mixer's frame instead").isEqualTo(before + 1);
    short[] mixed = agent.heard();
    assertThat(Goertzel.relativePower(java.util.Arrays.copyOfRange(mixed, mixed.length - Mixer.FRAME,
        mixed.length), Mixer.FRAME, 1000, 8000)).isGreaterThan(0.8);

    bridge.unmix();
    assertThat(bridge.agentVoice()).isNull();
    byte[] frame = FakeStream.tone(1000, 8000, 9, true);
    caller.receive(frame);
    FakeStream.Sent last = agent.sent.get(agent.sent.size() - 1);
    assertThat(last.marker()).as("a new talkspurt after the mixer").isTrue();
    assertThat(last.advance()).isEqualTo(Mixer.FRAME);
    short[] pcm = agent.heard();
    assertThat(Goertzel.relativePower(java.util.Arrays.copyOfRange(pcm, pcm.length - Mixer.FRAME, pcm.length),
        Mixer.FRAME, 1000, 8000)).isGreaterThan(0.8);
    bridge.disconnect();
  }
}
