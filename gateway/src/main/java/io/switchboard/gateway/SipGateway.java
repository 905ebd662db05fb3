package io.switchboard.gateway;

import io.switchboard.gateway.impl.SipGatewayImpl;
import io.switchboard.media.RtpPorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The SIP side of the trunks: one JAIN-SIP stack listening on UDP and TCP, accepting INVITEs from the configured
 * trunks and handing each accepted call to the {@link InboundCallHandler} as a {@link SipLeg}. Inbound only: the
 * gateway never places calls.
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

  /** As {@link #start(Vertx, SipConfig, List, RtpPorts, InboundCallHandler)}, with the edge's defences configured. */
  static Future<SipGateway> start(Vertx vertx, SipConfig config, List<TrunkConfig> trunks, RtpPorts rtpPorts,
      InboundCallHandler handler, SipEdgeConfig edge) {
    return SipGatewayImpl.start(vertx, config, trunks, rtpPorts, handler, edge, SipGatewayImpl.ACK_TIMEOUT);
  }

  /** The bound port (UDP and TCP), also when the config said 0. */
  int port();

  /** What the edge turned away, by reason (floods, lockouts, bad requests), for metrics. */
  SipEdgeCounters edgeCounters();

  /** Trunks, registrations, open dialogs and counters. */
  JsonObject debugState();

  /** Ends open calls (BYE when answered, 503 when not), unregisters nothing, stops the stack. Idempotent. */
  Future<Void> close();
}
