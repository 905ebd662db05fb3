package io.switchboard.routing.acd;

/** Why an offer was withdrawn from an agent. */
public enum CancelReason {
  /** Another agent of a ring-all offer answered first. */
  ANSWERED_ELSEWHERE,
  /** Ring-no-answer: the offer timed out. */
  TIMEOUT,
  /** The agent declined the offer. */
  DECLINED,
  CALLER_HUNG_UP,
  /** The agent went Not ready or logged out while ringing. */
  AGENT_UNAVAILABLE,
  /** The call left the queue (overflow). */
  CALL_LEFT_QUEUE,
  /** The flow stopped a direct ring ({@code RoutingEngine.stopDirect}): next cascade step, or the queue. */
  STOPPED
}
