package io.switchboard.signaling;

import io.vertx.core.Future;

/**
 * What a supervisor's socket asks of call control about a live call (docs/protocol.md, "Supervisors"): listen to
 * it, whisper to its agent, barge in, leave. Same socket and rules as {@link AgentCommands}: called on the socket's
 * context with validated frames; a {@link SignalingException} becomes an {@code error} frame with its code (e.g.
 * {@code forbidden} for a call outside the supervisor's groups), anything else {@code internal}.
 */
public interface SupervisorCommands {

  /** The modes, as the protocol names them. */
  String LISTEN = "listen";
  String WHISPER = "whisper";
  String BARGE = "barge";

  /** {@code monitor.start}: joins the call in {@code mode} over the supervisor's media session. */
  Future<Void> startMonitoring(AgentConnection c, String callId, String mode);

  /** {@code monitor.mode}: changes the mode of a monitoring under way. */
  Future<Void> changeMode(AgentConnection c, String callId, String mode);

  /** {@code monitor.stop}: leaves the call; the call goes on. */
  Future<Void> stopMonitoring(AgentConnection c, String callId);

  /** Nobody may monitor: every request is refused with {@code not_allowed}. */
  SupervisorCommands NONE = new SupervisorCommands() {
    @Override
    public Future<Void> startMonitoring(AgentConnection c, String callId, String mode) {
      return refused();
    }

    @Override
    public Future<Void> changeMode(AgentConnection c, String callId, String mode) {
      return refused();
    }

    @Override
    public Future<Void> stopMonitoring(AgentConnection c, String callId) {
      return refused();
    }

    private Future<Void> refused() {
      return Future.failedFuture(new SignalingException("not_allowed", "monitoring is not available here"));
    }
  };
}
