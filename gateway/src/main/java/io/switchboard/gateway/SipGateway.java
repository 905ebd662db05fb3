package io.switchboard.gateway;

import io.switchboard.gateway.impl.SipGatewayImpl;
import io.switchboard.media.RtpPorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * The SIP side of the trunks: one JAIN-SIP stack listening on UDP and TCP, accepting INVITEs from the configured
 * trunks and handing each accepted call to the {@link InboundCallHandler} as a {@link SipLeg}. The
 * gateway places calls only through the {@link TrunkDialer} that {@link #dialer()} hands out once.
 */
public interface SipGateway {

  /**
   * Starts the stack and the trunk registrations. The handler (and every leg listener) is called on the Vert.x
   * context current when {@code start} is called (or a new one).
   */
  static Future<SipGateway> start(Vertx vertx, SipConfig config, List<TrunkConfig> trunks, RtpPorts rtpPorts,
      InboundCallHandler handler) {
    return SipGatewayImpl.start(vertx, config, trunks, rtpPorts, handler);
  }

  /** As {@link #start(Vertx, SipConfig, List, RtpPorts, InboundCallHandler)}, reporting traffic to {@code observer}. */
  static Future<SipGateway> start(Vertx vertx, SipConfig config, List<TrunkConfig> trunks, RtpPorts rtpPorts,
      InboundCallHandler handler, SipTrafficObserver observer) {
    return SipGatewayImpl.start(vertx, config, trunks, rtpPorts, handler, SipGatewayImpl.ACK_TIMEOUT, observer);
  }

  /**
   * The capability to place calls on the trunks, handed out once: the composition root gives it to the one object
   * allowed to dial (docs/security.md, "The outbound wall"). A second call fails, so no other part can obtain it.
   *
   * @throws IllegalStateException when it was already handed out
   */
  TrunkDialer dialer();

  /** As {@link #start(Vertx, SipConfig, List, RtpPorts, InboundCallHandler)}, with the edge's defences configured. */
  static Future<SipGateway> start(Vertx vertx, SipConfig config, List<TrunkConfig> trunks, RtpPorts rtpPorts,
      InboundCallHandler handler, SipEdgeConfig edge) {
    return SipGatewayImpl.start(vertx, config, trunks, rtpPorts, handler, edge, SipGatewayImpl.ACK_TIMEOUT);
  }

  /** As {@link #start(Vertx, SipConfig, List, RtpPorts, InboundCallHandler)}, with the edge's defences configured and
   * traffic reported to {@code observer}. */
  static Future<SipGateway> start(Vertx vertx, SipConfig config, List<TrunkConfig> trunks, RtpPorts rtpPorts,
      InboundCallHandler handler, SipEdgeConfig edge, SipTrafficObserver observer) {
    return SipGatewayImpl.start(vertx, config, trunks, rtpPorts, handler, edge, SipGatewayImpl.ACK_TIMEOUT, observer);
  }

  /**
   * Replaces the trunks while running: the next INVITE is screened against {@code trunks} (calls that are up go on);
   * a trunk whose registration changed, or a new one, registers anew; a removed one stops refreshing. Fails, changing
   * nothing, when two trunks share a name.
   */
  Future<Void> reload(List<TrunkConfig> trunks);

  /** The bound port (UDP and TCP), also when the config said 0. */
  int port();

  /** What the edge turned away, by reason (floods, lockouts, bad requests), for metrics. */
  SipEdgeCounters edgeCounters();

  /** Trunks, registrations, open dialogs and counters. */
  JsonObject debugState();

  /**
   * Starts draining: from now on new INVITEs get 503 with {@code Retry-After} (in seconds), while the calls that are
   * up go on (their BYEs, re-INVITEs and INFOs are served as before). {@link #close()} ends what is left.
   */
  void drain(Duration retryAfter);

  /**
   * Refuses new INVITEs with 503 and {@code Retry-After} until {@link #resumeNewCalls()}: a pause that, unlike
   * {@link #drain}, ends (a cluster node cut off from the database, docs/scale.md). Calls that are up go on; a drain
   * stays in force whatever the pause does.
   */
  void pauseNewCalls(Duration retryAfter);

  /** Ends a {@link #pauseNewCalls} pause; a no-op without one. */
  void resumeNewCalls();

  /** Ends open calls (BYE when answered, 503 when not), unregisters nothing, stops the stack. Idempotent. */
  Future<Void> close();
}
