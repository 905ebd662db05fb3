package io.switchboard.routing.acd;

import java.time.Duration;
import java.time.Instant;

/**
 * The live state of one agent. Read by anyone; changed only by the engine (package-private mutators), so every
 * change goes through one event and the invariant check can trust what it reads.
 */
public final class Agent {

  private AgentProfile profile;
  private AgentState state = AgentState.LOGGED_OUT;
  private Instant stateSince;
  private String notReadyReason;
  private String notReadyAfterCall;
  private String offeredCall;
  private String currentCall;
  private Instant idleSince;
  private Instant wrapUpEnds;
  private int consecutiveMisses;
  private int callsTaken;
  private Duration talkTime = Duration.ZERO;
  /** The profile's skills as proficiency by skill number ({@link RoutingState#skillNumber}), 0 = none. */
  private int[] skillLevels = new int[0];

  Agent(AgentProfile profile, Instant now) {
    this.profile = profile;
    this.stateSince = now;
  }

  public String id() {
    return profile.id();
  }

  public AgentProfile profile() {
    return profile;
  }

  public AgentState state() {
    return state;
  }

  public Instant stateSince() {
    return stateSince;
  }

  /** The reason code while Not ready, else null. */
  public String notReadyReason() {
    return notReadyReason;
  }

  /** The reason code to go Not ready with when the current call (and its wrap-up) ends, else null. */
  public String notReadyAfterCall() {
    return notReadyAfterCall;
  }

  /** The call this agent is reserved for while Ringing, else null. */
  public String offeredCall() {
    return offeredCall;
  }

  /** The call this agent talks on (On call) or wraps up (Wrap-up), else null. */
  public String currentCall() {
    return currentCall;
  }

  public Instant idleSince() {
    return idleSince;
  }

  public Instant wrapUpEnds() {
    return wrapUpEnds;
  }

  public int consecutiveMisses() {
    return consecutiveMisses;
  }

  public int callsTaken() {
    return callsTaken;
  }

  public Duration talkTime() {
    return talkTime;
  }

  void enter(AgentState next, Instant now) {
    if (next == AgentState.READY && state != AgentState.RINGING) {
      // A withdrawn offer does not reset idleness: the agent did nothing wrong and keeps its place.
      idleSince = now;
    }
    state = next;
    stateSince = now;
    if (next != AgentState.NOT_READY) {
      notReadyReason = null;
    }
    if (next != AgentState.RINGING) {
      offeredCall = null;
    }
    if (next != AgentState.ON_CALL && next != AgentState.WRAP_UP) {
      currentCall = null;
    }
    if (next != AgentState.WRAP_UP) {
      wrapUpEnds = null;
    }
  }

  int skillLevel(int skillNumber) {
    return skillNumber < skillLevels.length ? skillLevels[skillNumber] : 0;
  }

  void skillLevels(int[] levels) {
    this.skillLevels = levels;
  }

  void profile(AgentProfile next) {
    this.profile = next;
  }

  void notReadyReason(String reason) {
    this.notReadyReason = reason;
  }

  void notReadyAfterCall(String reason) {
    this.notReadyAfterCall = reason;
  }

  void offeredCall(String callId) {
    this.offeredCall = callId;
  }

  void currentCall(String callId) {
    this.currentCall = callId;
  }

  void wrapUpEnds(Instant at) {
    this.wrapUpEnds = at;
  }

  void missed() {
    consecutiveMisses++;
  }

  void answered() {
    consecutiveMisses = 0;
  }

  void resetMisses() {
    consecutiveMisses = 0;
  }

  void talked(Duration talk) {
    callsTaken++;
    talkTime = talkTime.plus(talk);
  }

  public String describe() {
    return id() + " " + state + (notReadyReason != null ? "(" + notReadyReason + ")" : "")
        + (offeredCall != null ? " offered " + offeredCall : "")
        + (currentCall != null ? " call " + currentCall : "")
        + (notReadyAfterCall != null ? " then Not ready(" + notReadyAfterCall + ")" : "");
  }

  @Override
  public String toString() {
    return describe();
  }
}
