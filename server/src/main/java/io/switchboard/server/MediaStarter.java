package io.switchboard.server;

import io.switchboard.media.WebRtcConfig;
import io.switchboard.media.WebRtcEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Starts the WebRTC endpoint; a seam so server tests can run with a fake endpoint instead of real UDP media. */
@FunctionalInterface
interface MediaStarter {

  MediaStarter REAL = WebRtcEndpoint::create;

  Future<WebRtcEndpoint> start(Vertx vertx, WebRtcConfig config);
}
