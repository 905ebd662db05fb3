package io.switchboard.routing.acd;

/** An agent's routing state. Only {@link #READY} agents are offered calls; {@link #RINGING} means reserved for one offer. */
public enum AgentState {
  LOGGED_OUT,
  READY,
  /** Logged in but unavailable, with an admin-defined reason code (lunch, training, ring-no-answer...). */
  NOT_READY,
  /** Reserved for exactly one offered call until it is answered, times out or is withdrawn. */
  RINGING,
  ON_CALL,
  /** After-call work; lasts the queue's wrap-up time unless the agent ends it early. */
  WRAP_UP;

  /** Logged in, whatever the availability: counts for "is anybody staffing this queue". */
  public boolean loggedIn() {
    return this != LOGGED_OUT;
  }
}
