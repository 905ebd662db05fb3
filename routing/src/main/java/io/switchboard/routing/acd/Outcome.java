package io.switchboard.routing.acd;

/** How a call left routing. Every call gets exactly one, in a {@link CallFinished} decision. */
public enum Outcome {
  /** Connected to an agent; finished when the conversation ended. */
  ANSWERED,
  /** The caller hung up before an agent answered. */
  ABANDONED,
  VOICEMAIL,
  CALLBACK,
  /** Refused (busy), e.g. the queue was full and had nowhere to overflow. */
  REFUSED,
  /** Left this engine unanswered to wait in another engine's queue (another node's, docs/scale.md). */
  MOVED
}
