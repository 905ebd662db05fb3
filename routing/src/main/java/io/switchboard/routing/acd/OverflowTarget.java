package io.switchboard.routing.acd;

import java.util.Objects;

/**
 * Where a call goes when its queue cannot keep it (full, waited too long, nobody logged in): another queue, the
 * voicemail, a callback that keeps the caller's request, or a polite refusal (busy).
 */
public record OverflowTarget(Kind kind, String queueId) {

  public enum Kind { QUEUE, VOICEMAIL, CALLBACK, REFUSE }

  public OverflowTarget {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.QUEUE) != (queueId != null)) {
      throw new IllegalArgumentException("a queue id is required for QUEUE and only for it");
    }
  }

  public static OverflowTarget toQueue(String queueId) {
    return new OverflowTarget(Kind.QUEUE, queueId);
  }

  public static OverflowTarget voicemail() {
    return new OverflowTarget(Kind.VOICEMAIL, null);
  }

  public static OverflowTarget callback() {
    return new OverflowTarget(Kind.CALLBACK, null);
  }

  public static OverflowTarget refuse() {
    return new OverflowTarget(Kind.REFUSE, null);
  }

  /** The outcome of a call that leaves routing through this target; null for a queue (the call keeps routing). */
  Outcome outcome() {
    return switch (kind) {
      case QUEUE -> null;
      case VOICEMAIL -> Outcome.VOICEMAIL;
      case CALLBACK -> Outcome.CALLBACK;
      case REFUSE -> Outcome.REFUSED;
    };
  }

  @Override
  public String toString() {
    return kind == Kind.QUEUE ? "queue " + queueId : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
