package io.switchboard.server.api;

import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;

/**
 * Who a bearer token stands for ({@code AgentSignaling#authenticate}). Fails with a
 * {@link io.switchboard.signaling.SignalingException} {@code auth_failed} for a token that does not authenticate
 * (answered 401 with its reason); any other failure is the account store's (answered 500).
 */
@FunctionalInterface
public interface Authenticator {

  Future<AgentAccount> authenticate(String bearerToken);
}
