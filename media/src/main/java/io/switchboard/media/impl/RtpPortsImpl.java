package io.switchboard.media.impl;

import io.switchboard.media.RtpConfig;
import io.switchboard.media.RtpLeg;
import io.switchboard.media.RtpPorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Placeholder while trunk media is being written. */
public final class RtpPortsImpl implements RtpPorts {
  public RtpPortsImpl(Vertx vertx, RtpConfig config) {
  }

  @Override
  public Future<RtpLeg> allocate() {
    return Future.failedFuture("not yet");
  }

  @Override
  public int openLegs() {
    return 0;
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
