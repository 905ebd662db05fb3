package io.switchboard.signaling;

import io.vertx.core.Future;
import java.util.Optional;

/** Where signaling looks agents up at login and when a socket authenticates (implemented by server's store). */
@FunctionalInterface
public interface AgentAccounts {

  /** The account with exactly this username, or empty. A failed future makes the login answer 500. */
  Future<Optional<AgentAccount>> byUsername(String username);
}
