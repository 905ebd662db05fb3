package io.switchboard.routing.acd;

/**
 * An event the engine refuses (unknown agent, answering an offer never made, logging out during a call...). Thrown
 * before anything changes: a rejected event leaves the engine exactly as it was.
 */
public final class RoutingRejection extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RoutingRejection(String message) {
    super(message, null, false, false);
  }
}
