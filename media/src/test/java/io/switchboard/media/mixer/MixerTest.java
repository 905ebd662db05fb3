package io.switchboard.media.mixer;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.codec.G711;
import io.switchboard.media.testpeer.Goertzel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mixer with synthetic tones: who hears what (Goertzel), clipping at full scale, both G.711 laws. */
class MixerTest {
  private static final int FRAMES = 25;
  private static final double HEARD = 0.3;
  private static final double NOT_HEARD = 0.01;

  private final Mixer mixer = Mixer.unclocked();

  @Test
  void everyoneHearsTheOthers_neverThemselves_acrossLaws() {
    FakeStream caller = new FakeStream("caller", false);
    FakeStream agent = new FakeStream("agent", true);
    FakeStream supervisor = new FakeStream("supervisor", true);
    Participant c = mixer.join(caller);
    Participant a = mixer.join(agent);
    Participant s = mixer.join(supervisor);
    c.hears(List.of(a, s));
    a.hears(List.of(c, s));
    // Their own voice in the list too: the mixer must still leave it out.
    s.hears(List.of(c, a, s));

    run(c, 1000, caller, a, 440, agent, s, 660, supervisor);

    assertThat(caller.sent).allMatch(p -> p.payloadType() == 8 && p.advance() == Mixer.FRAME);
    assertThat(agent.sent).allMatch(p -> p.payloadType() == 0);
    assertHears(caller, 440, 660, 1000);
    assertHears(agent, 1000, 660, 440);
    assertHears(supervisor, 1000, 440, 660);
  }

  @Test
  void listenMode_onlyTheListenerIsMixed_theOthersGetNothingFromTheMixer() {
    FakeStream caller = new FakeStream("caller", true);
    FakeStream agent = new FakeStream("agent", true);
    FakeStream supervisor = new FakeStream("supervisor", false);
    Participant c = mixer.join(caller);
    Participant a = mixer.join(agent);
    Participant s = mixer.join(supervisor);
    s.hears(List.of(c, a));

    run(c, 1000, caller, a, 440, agent, s, 660, supervisor);

    assertThat(caller.sent).isEmpty();
    assertThat(agent.sent).isEmpty();
    assertThat(c.mixed()).isFalse();
    assertThat(s.mixed()).isTrue();
    assertHears(supervisor, 1000, 440, 660);
  }

  @Test
  void whisper_theAgentHearsTheSupervisor_theCallerIsLeftAlone() {
    FakeStream caller = new FakeStream("caller", true);
    FakeStream agent = new FakeStream("agent", true);
    FakeStream supervisor = new FakeStream("supervisor", true);
    Participant c = mixer.join(caller);
    Participant a = mixer.join(agent);
    Participant s = mixer.join(supervisor);
    s.hears(List.of(c, a));
    a.hears(List.of(c, s));

    run(c, 1000, caller, a, 440, agent, s, 660, supervisor);

    assertThat(caller.sent).isEmpty();
    assertHears(agent, 1000, 660, 440);
  }

  @Test
  void sumsPastFullScaleAreClipped_notWrapped() {
    for (boolean ulaw : new boolean[] {true, false}) {
      Mixer m = Mixer.unclocked();
      FakeStream one = new FakeStream("one", ulaw);
      FakeStream two = new FakeStream("two", ulaw);
      FakeStream listener = new FakeStream("listener", ulaw);
      Participant p1 = m.join(one);
      Participant p2 = m.join(two);
      m.join(listener).hears(List.of(p1, p2));
      // Two in-phase tones at 0.9 of full scale: the sum peaks at 1.8, far past what 16 bits hold.
      for (int f = 0; f < 5; f++) {
        p1.offer(FakeStream.tone(100, 29_000, f, ulaw), 0, Mixer.FRAME, ulaw);
        p2.offer(FakeStream.tone(100, 29_000, f, ulaw), 0, Mixer.FRAME, ulaw);
        m.tick();
      }
      short[] out = listener.heard();
      int fullScale = ulaw ? G711.ulawToLinear(G711.linearToUlaw(Short.MAX_VALUE))
          : G711.alawToLinear(G711.linearToAlaw(Short.MAX_VALUE));
      int max = Integer.MIN_VALUE;
      int min = Integer.MAX_VALUE;
      for (int i = 0; i < out.length; i++) {
        double expected = Math.sin(2 * Math.PI * 100 * i / 8000.0);
        // Where the sum is beyond full scale the output sits at full scale with the same sign: no wrap-around.
        if (expected > 0.7) {
          assertThat(out[i]).as("sample %d (%s)", i, ulaw ? "µ-law" : "A-law").isEqualTo((short) fullScale);
        } else if (expected < -0.7) {
          assertThat(out[i]).as("sample %d", i).isEqualTo((short) -fullScale);
        }
        max = Math.max(max, out[i]);
        min = Math.min(min, out[i]);
      }
      assertThat(max).isEqualTo(fullScale);
      assertThat(min).isEqualTo(-fullScale);
    }
  }

  @Test
  void aParticipantWhoLeaves_isNoLongerHeard_andGetsNothing() {
    FakeStream caller = new FakeStream("caller", true);
    FakeStream supervisor = new FakeStream("supervisor", true);
    FakeStream agent = new FakeStream("agent", true);
    Participant c = mixer.join(caller);
    Participant s = mixer.join(supervisor);
    Participant a = mixer.join(agent);
    a.hears(List.of(c, s));
    s.hears(List.of(c, a));
    s.leave();
    for (int f = 0; f < FRAMES; f++) {
      c.offer(FakeStream.tone(1000, 8000, f, true), 0, Mixer.FRAME, true);
      s.offer(FakeStream.tone(660, 8000, f, true), 0, Mixer.FRAME, true);
      mixer.tick();
    }
    assertThat(supervisor.sent).isEmpty();
    assertHears(agent, 1000, 1000, 660);
    assertThat(s.mixed()).isFalse();
  }

  @Test
  void aVoiceWithNothingBuffered_isSilence_andTheListenerStillGetsOneFramePerTick() {
    FakeStream caller = new FakeStream("caller", true);
    FakeStream listener = new FakeStream("listener", true);
    Participant c = mixer.join(caller);
    mixer.join(listener).hears(List.of(c));
    mixer.tick();
    mixer.tick();
    assertThat(listener.sent).hasSize(2);
    assertThat(listener.heard()).containsOnly((short) 0);
    assertThat(listener.sent.get(0).marker()).isTrue();
    assertThat(listener.sent.get(1).marker()).isFalse();
  }

  @Test
  void aSenderFasterThanTheClock_isTrimmed_soTheDelayStaysBounded() {
    FakeStream caller = new FakeStream("caller", true);
    FakeStream listener = new FakeStream("listener", true);
    Participant c = mixer.join(caller);
    mixer.join(listener).hears(List.of(c));
    for (int f = 0; f < 7; f++) {
      c.offer(FakeStream.tone(1000, 8000, f, true), 0, Mixer.FRAME, true);
    }
    mixer.tick();
    assertThat(c.debugState().getInteger("bufferedSamples")).isLessThanOrEqualTo(Mixer.FRAME * 2);
    assertThat(c.debugState().getLong("trimmedSamples")).isPositive();
  }

  @Test
  void aStreamOnlyTheMixerConnects_feedsItsVoiceThroughItsSink() {
    FakeStream supervisor = new FakeStream("supervisor", false);
    FakeStream agent = new FakeStream("agent", true);
    Participant s = mixer.join(supervisor);
    mixer.join(agent).hears(List.of(s));
    supervisor.sink(s.voiceSink());
    for (int f = 0; f < FRAMES; f++) {
      supervisor.receive(FakeStream.tone(660, 8000, f, false));
      mixer.tick();
    }
    short[] pcm = agent.heard();
    assertThat(Goertzel.relativePower(pcm, pcm.length, 660, 8000)).isGreaterThan(0.8);
  }

  private void run(Participant p1, double f1, FakeStream s1, Participant p2, double f2, FakeStream s2,
      Participant p3, double f3, FakeStream s3) {
    for (int f = 0; f < FRAMES; f++) {
      p1.offer(FakeStream.tone(f1, 8000, f, s1.ulaw()), 0, Mixer.FRAME, s1.ulaw());
      p2.offer(FakeStream.tone(f2, 8000, f, s2.ulaw()), 0, Mixer.FRAME, s2.ulaw());
      p3.offer(FakeStream.tone(f3, 8000, f, s3.ulaw()), 0, Mixer.FRAME, s3.ulaw());
      mixer.tick();
    }
  }

  private static void assertHears(FakeStream listener, double a, double b, double notHeard) {
    short[] pcm = listener.heard();
    assertThat(pcm.length).as(listener.id() + " got audio").isEqualTo(FRAMES * Mixer.FRAME);
    assertThat(Goertzel.relativePower(pcm, pcm.length, a, 8000)).as(listener.id() + " hears " + a).isGreaterThan(HEARD);
    assertThat(Goertzel.relativePower(pcm, pcm.length, b, 8000)).as(listener.id() + " hears " + b).isGreaterThan(HEARD);
    assertThat(Goertzel.relativePower(pcm, pcm.length, notHeard, 8000)).as(listener.id() + " not " + notHeard)
        .isLessThan(NOT_HEARD);
  }
}
