package io.switchboard.gateway;

/**
 * What the gateway reports about its SIP traffic, for the server's metrics (docs/metrics.md). Called on the stack's
 * threads and on the gateway's context alike, once per message: implementations must be thread-safe, quick and must
 * not throw. The gateway itself knows nothing of how the figures are kept.
 */
public interface SipTrafficObserver {

  /** Reports nothing. */
  SipTrafficObserver NONE = new SipTrafficObserver() {
  };

  /** A request reached our listener (retransmissions the stack absorbs do not). */
  default void requestReceived(String method) {
  }

  /** We sent a response to a request of {@code method}. */
  default void responseSent(String method, int status) {
  }

  /**
   * One of the gateway's named event counters moved ({@code invites_accepted}, {@code digest_challenged}, ...);
   * the names starting with {@code rejected_} are the reasons a request was refused.
   */
  default void event(String name) {
  }
}
