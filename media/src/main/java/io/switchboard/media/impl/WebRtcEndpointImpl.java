package io.switchboard.media.impl;

import io.switchboard.media.WebRtcConfig;
import io.switchboard.media.WebRtcEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Placeholder while the media endpoint is being written. */
public final class WebRtcEndpointImpl {
  private WebRtcEndpointImpl() {
  }

  public static Future<WebRtcEndpoint> start(Vertx vertx, WebRtcConfig config) {
    return Future.failedFuture("not yet");
  }
}
