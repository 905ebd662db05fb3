package io.switchboard.server.calls;

import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.AgentCommands;
import io.switchboard.signaling.AgentConnection;
import io.switchboard.signaling.MediaAnswer;
import io.switchboard.signaling.Welcome;
import io.vertx.core.Future;

/**
 * Sends each socket to its desk by the account's roles: anyone with the agent role to the {@link AgentDesk}; an
 * account that only supervises or administers to the {@link SupervisorDesk}. Roles are read when the socket
 * authenticates, so one socket always talks to one desk.
 */
final class Desks implements AgentCommands {
  private final AgentCommands agents;
  private final AgentCommands supervisors;

  Desks(AgentCommands agents, AgentCommands supervisors) {
    this.agents = agents;
    this.supervisors = supervisors;
  }

  private AgentCommands of(AgentConnection c) {
    AgentAccount a = c.agent();
    return !a.hasRole(AgentAccount.AGENT)
        && (a.hasRole(AgentAccount.SUPERVISOR) || a.hasRole(AgentAccount.ADMIN)) ? supervisors : agents;
  }

  @Override
  public Future<Welcome> connected(AgentConnection c) {
    return of(c).connected(c);
  }

  @Override
  public void disconnected(AgentConnection c) {
    of(c).disconnected(c);
  }

  @Override
  public Future<MediaAnswer> mediaOffer(AgentConnection c, String sdp) {
    return of(c).mediaOffer(c, sdp);
  }

  @Override
  public Future<Void> setState(AgentConnection c, String state, String reason) {
    return of(c).setState(c, state, reason);
  }

  @Override
  public Future<Void> answer(AgentConnection c, String callId) {
    return of(c).answer(c, callId);
  }

  @Override
  public Future<Void> reject(AgentConnection c, String callId) {
    return of(c).reject(c, callId);
  }

  @Override
  public Future<Void> hangup(AgentConnection c, String callId) {
    return of(c).hangup(c, callId);
  }

  @Override
  public Future<Void> hold(AgentConnection c, String callId, boolean on) {
    return of(c).hold(c, callId, on);
  }

  @Override
  public Future<Void> mute(AgentConnection c, String callId, boolean on) {
    return of(c).mute(c, callId, on);
  }

  @Override
  public Future<Void> dtmf(AgentConnection c, String callId, String digits) {
    return of(c).dtmf(c, callId, digits);
  }

  @Override
  public Future<Void> dial(AgentConnection c, String number, String ref) {
    return of(c).dial(c, number, ref);
  }

  @Override
  public Future<Void> transfer(AgentConnection c, io.switchboard.signaling.TransferRequest request) {
    return of(c).transfer(c, request);
  }

  @Override
  public Future<io.vertx.core.json.JsonObject> transferTargets(AgentConnection c) {
    return of(c).transferTargets(c);
  }
}
