package io.switchboard.routing.flow;

/** Where a call is in its flow. */
public enum Phase {
  NEW,
  /** Running steps: playing, collecting digits, ringing a cascade step. */
  IN_FLOW,
  /** Handed to an ACD queue; the ACD routes it. */
  QUEUED,
  CONNECTED,
  VOICEMAIL,
  SURVEY,
  ENDED
}
