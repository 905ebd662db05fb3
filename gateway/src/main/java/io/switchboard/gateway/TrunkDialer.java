package io.switchboard.gateway;

import io.vertx.core.Future;

/**
 * The one capability that places calls on the trunks. {@link SipGateway#dialer()} hands it out once, so the
 * composition root decides which single object may ever send an outbound INVITE (the server's outbound wall,
 * docs/security.md); nothing that handles inbound calls holds it.
 */
public interface TrunkDialer {

  /**
   * Allocates an RTP port and sends the INVITE with our SDP offer. Completes with the leg once the INVITE is sent;
   * fails at once when the trunk is unknown, has no outbound settings, or no RTP port is free. Progress, answer
   * and the end come on the leg, on the gateway's context.
   */
  Future<OutboundLeg> dial(DialRequest request);
}
