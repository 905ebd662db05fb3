package io.switchboard.server.calls;

import io.switchboard.media.mixer.Participant;

/** One supervisor in one live call: the mode, and the supervisor's place in the call's mixer. */
final class Monitoring {
  final Supervisor supervisor;
  final Call call;
  final Participant voice;
  String mode;

  Monitoring(Supervisor supervisor, Call call, Participant voice, String mode) {
    this.supervisor = supervisor;
    this.call = call;
    this.voice = voice;
    this.mode = mode;
  }
}
