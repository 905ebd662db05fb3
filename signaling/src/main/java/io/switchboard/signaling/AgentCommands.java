package io.switchboard.signaling;

import io.vertx.core.Future;

/**
 * What the agent socket asks of call control (implemented by server). Every method is called on the socket's Vert.x
 * context, only with frames that passed validation (docs/protocol.md). A failed future whose cause is a
 * {@link SignalingException} becomes an {@code error} frame with its code and message; any other failure, a thrown
 * exception or a null future becomes {@code internal} (and is logged, never shown to the agent).
 */
public interface AgentCommands {

  /**
   * A socket authenticated. The {@code welcome} is sent when the future succeeds. If it fails the agent gets an
   * {@code error} and the socket closes: 4403 for a {@link SignalingException}, 1011 otherwise.
   */
  Future<Welcome> connected(AgentConnection connection);

  /**
   * The socket is gone (closed by either side, replaced by a newer socket of the same agent, or the server is
   * stopping). Called exactly once for every connection that was passed to {@link #connected}, possibly before the
   * future returned by {@code connected} completes.
   */
  void disconnected(AgentConnection connection);

  /** {@code media.offer}: the answer is sent as {@code media.answer}. */
  Future<MediaAnswer> mediaOffer(AgentConnection c, String sdp);

  /** {@code state.set}: {@code state} is {@code ready} or {@code not_ready}; {@code reason} is null for ready, else one of {@link Welcome#notReadyReasons()}. */
  Future<Void> setState(AgentConnection c, String state, String reason);

  Future<Void> answer(AgentConnection c, String callId);

  Future<Void> reject(AgentConnection c, String callId);

  Future<Void> hangup(AgentConnection c, String callId);

  Future<Void> hold(AgentConnection c, String callId, boolean on);

  Future<Void> mute(AgentConnection c, String callId, boolean on);

  /** {@code digits}: 1–32 of {@code 0-9 * # A-D}. */
  Future<Void> dtmf(AgentConnection c, String callId, String digits);

  /**
   * {@code call.dial}: place a call from the desk, to {@code number} (digits with an optional leading +) or to the
   * customer of the call {@code ref} (the server looks the number up, so a masked number never reaches the
   * browser). Exactly one of the two is non-null. Completes once the call is placed; refusals are errors.
   */
  default Future<Void> dial(AgentConnection c, String number, String ref) {
    return Future.failedFuture(new SignalingException("not_allowed", "outbound calls are not available"));
  }

  /**
   * {@code transfer.blind}, {@code transfer.consult}, {@code transfer.complete}, {@code transfer.cancel}
   * (docs/protocol.md, "Transfers"). Completes once the step is taken; refusals are errors and change nothing.
   */
  default Future<Void> transfer(AgentConnection c, TransferRequest request) {
    return Future.failedFuture(new SignalingException("not_allowed", "transfers are not available"));
  }

  /**
   * {@code transfer.targets}: who and where the agent may transfer to now, as the {@code transfer.targets} frame
   * (agents with their state, queues with their waiting calls).
   */
  default Future<io.vertx.core.json.JsonObject> transferTargets(AgentConnection c) {
    return Future.failedFuture(new SignalingException("not_allowed", "transfers are not available"));
  }
}
