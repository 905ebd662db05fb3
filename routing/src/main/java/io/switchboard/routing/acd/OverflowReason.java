package io.switchboard.routing.acd;

/** Why a call overflowed. */
public enum OverflowReason {
  QUEUE_FULL,
  MAX_WAIT,
  NO_AGENTS_LOGGED_IN
}
