package io.switchboard.media;

import io.switchboard.media.impl.RtpPortsImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The pool of plain RTP ports for trunk legs. */
public interface RtpPorts {

  static RtpPorts create(Vertx vertx, RtpConfig config) {
    return new RtpPortsImpl(vertx, config);
  }

  /** Binds a free port of the range (RTCP is muxed or ignored: one port per leg). Fails when the range is full. */
  Future<RtpLeg> allocate();

  /** Legs currently open. */
  int openLegs();

  /** RFC 3550 loss and jitter of what the carriers sent, for the metrics; {@link RtpReception#NONE} if not kept. */
  default RtpReception reception() {
    return RtpReception.NONE;
  }

  /** Closes every leg. */
  Future<Void> close();
}
