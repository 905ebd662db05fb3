package io.switchboard.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.MediaSink;
import io.switchboard.media.RtpStream;
import io.switchboard.media.bridge.Bridge;
import io.switchboard.media.mixer.Mixer;
import io.switchboard.media.mixer.Participant;
import io.switchboard.signaling.AgentAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The modes as "who hears whom": what each side of the call gets from the mixer, and who keeps the plain relay. */
class MonitoredCallTest {
  private final Bridge bridge = Bridge.connect(stream("caller"), stream("agent"), null);
  private final Mixer mixer = bridge.mix(Mixer.unclocked());
  private final Call call = new Call("c-1", null, "+4930123456", "+4930555000", null);
  private final MonitoredCall monitored = new MonitoredCall(call, bridge);

  @Test
  void listen_onlyTheSupervisorIsMixed() {
    Monitoring sam = join("sam", "listen");
    monitored.remix();
    assertThat(bridge.callerVoice().mixed()).as("caller keeps the relay").isFalse();
    assertThat(bridge.agentVoice().mixed()).as("agent keeps the relay").isFalse();
    assertThat(hears(sam.voice)).isEqualTo(2);
  }

  @Test
  void whisper_theAgentHearsCallerAndSupervisor_theCallerKeepsTheRelay() {
    Monitoring sam = join("sam", "whisper");
    monitored.remix();
    assertThat(bridge.callerVoice().mixed()).isFalse();
    assertThat(hears(bridge.agentVoice())).isEqualTo(2);
    assertThat(hears(sam.voice)).isEqualTo(2);
  }

  @Test
  void barge_everyoneHearsTheOtherTwo_andBackToListenRestoresTheRelay() {
    Monitoring sam = join("sam", "barge");
    monitored.remix();
    assertThat(hears(bridge.callerVoice())).isEqualTo(2);
    assertThat(hears(bridge.agentVoice())).isEqualTo(2);
    // Their own voice is in the list; the mixer leaves it out.
    assertThat(hears(sam.voice)).isEqualTo(3);

    sam.mode = "listen";
    monitored.remix();
    assertThat(bridge.callerVoice().mixed()).isFalse();
    assertThat(bridge.agentVoice().mixed()).isFalse();
  }

  @Test
  void twoSupervisors_aListenerHearsTheOneWhoBarges_theCallerDoesNotHearTheWhisperer() {
    Monitoring sam = join("sam", "listen");
    Monitoring ada = join("ada", "barge");
    Monitoring eve = join("eve", "whisper");
    monitored.remix();
    assertThat(hears(bridge.callerVoice())).as("agent + ada").isEqualTo(2);
    assertThat(hears(bridge.agentVoice())).as("caller + ada + eve").isEqualTo(3);
    assertThat(hears(sam.voice)).as("caller, agent, ada").isEqualTo(3);
    assertThat(hears(eve.voice)).isEqualTo(3);
  }

  private Monitoring join(String name, String mode) {
    Supervisor s = new Supervisor(new AgentAccount("a-" + name, name, name, "x", List.of(AgentAccount.SUPERVISOR)));
    Monitoring m = new Monitoring(s, call, mixer.join(stream(name)), mode);
    monitored.monitorings.add(m);
    return m;
  }

  private static int hears(Participant p) {
    return p.mixed() ? p.debugState().getInteger("hears") : -1;
  }

  private static RtpStream stream(String id) {
    return new RtpStream() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public AudioCodec codec() {
        return new AudioCodec(0, "PCMU", 101);
      }

      @Override
      public void sendRtp(int payloadType, boolean marker, int timestampAdvance, byte[] payload, int offset,
          int length) {
      }

      @Override
      public void sink(MediaSink sink) {
      }

      @Override
      public void onMediaContext(Runnable action) {
        action.run();
      }
    };
  }
}
