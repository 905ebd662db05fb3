package io.switchboard.server.calls;

import io.switchboard.media.bridge.Bridge;
import io.switchboard.media.mixer.Participant;
import io.switchboard.signaling.SupervisorCommands;
import java.util.ArrayList;
import java.util.List;

/**
 * A live call with supervisors in it, and who hears whom. From the modes of everyone monitoring:
 * <ul>
 *   <li>every supervisor hears the caller and the agent (and any supervisor who barges in);</li>
 *   <li>the agent hears the caller, plus every supervisor who whispers or barges;</li>
 *   <li>the caller hears the agent, plus every supervisor who barges;</li>
 *   <li>nobody hears their own voice (the mixer's rule).</li>
 * </ul>
 * A side that hears only its partner gets the bridge's untouched relay, so listening changes nothing of the call's
 * audio. Changing a mode only changes these lists: the call's legs, streams and recording are never touched.
 */
final class MonitoredCall {
  final Call call;
  private final Bridge bridge;
  final List<Monitoring> monitorings = new ArrayList<>();

  MonitoredCall(Call call, Bridge bridge) {
    this.call = call;
    this.bridge = bridge;
  }

  /** Applies the modes to the mixer. */
  void remix() {
    Participant caller = bridge.callerVoice();
    Participant agent = bridge.agentVoice();
    if (caller == null || agent == null) {
      return;
    }
    List<Participant> barging = voices(SupervisorCommands.BARGE);
    List<Participant> coaching = new ArrayList<>(barging);
    coaching.addAll(voices(SupervisorCommands.WHISPER));
    caller.hears(barging.isEmpty() ? null : with(agent, barging));
    agent.hears(coaching.isEmpty() ? null : with(caller, coaching));
    for (Monitoring m : monitorings) {
      List<Participant> heard = with(caller, barging);
      heard.add(agent);
      m.voice.hears(heard); // their own voice, if barging, is left out by the mixer
    }
  }

  /** Leaves the mixer for good: the two sides go back to the plain relay. */
  void close() {
    bridge.unmix();
  }

  private List<Participant> voices(String mode) {
    return monitorings.stream().filter(m -> m.mode.equals(mode)).map(m -> m.voice).toList();
  }

  private static List<Participant> with(Participant first, List<Participant> rest) {
    List<Participant> all = new ArrayList<>(rest.size() + 2);
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
