package io.switchboard.server.metrics;

import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /metrics}: the Prometheus text exposition format (version 0.0.4). Who may scrape (docs/metrics.md,
 * "Access"): with {@code metrics.token} set, whoever sends it as a bearer token, from anywhere; without one, only
 * loopback and private addresses, because the figures (trunk traffic, queue sizes, agents on duty) are operational
 * intelligence an outsider should not get.
 */
final class MetricsEndpoint implements Handler<RoutingContext> {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger LOG = Logger.getLogger(MetricsEndpoint.class.getName());

  private final ServerMetrics metrics;
  private final byte[] token;

  MetricsEndpoint(ServerMetrics metrics, MetricsConfig config) {
    this.metrics = metrics;
    this.token = config.token().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (token.length > 0) {
      if (!bearerMatches(ctx.request().getHeader("Authorization"))) {
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"")
            .putHeader("Content-Type", "text/plain; charset=utf-8").end("metrics need the bearer token\n");
        return;
      }
    } else if (!privateSource(ctx.request().remoteAddress())) {
      ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("metrics are served to loopback and private addresses only; set metrics.token to scrape from "
              + "elsewhere\n");
      return;
    }
    metrics.scrape(ctx.vertx()).onComplete(text -> {
      if (text.failed()) {
        LOG.log(Level.WARNING, "metrics scrape failed", text.cause());
        ctx.response().setStatusCode(500).end();
        return;
      }
      ctx.response().putHeader("Content-Type", CONTENT_TYPE).putHeader("Cache-Control", "no-store")
          .end(text.result());
    });
  }

  private boolean bearerMatches(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    // Constant time, so the answer's timing does not tell how much of a guess was right.
    return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8), token);
  }

  /** Loopback, RFC 1918 / RFC 4193 private, or link-local. */
  static boolean privateSource(SocketAddress remote) {
    if (remote == null || remote.hostAddress() == null) {
      return false;
    }
    InetAddress address;
    try {
      // A literal address: no name lookup happens.
      address = InetAddress.getByName(remote.hostAddress());
    } catch (UnknownHostException e) {
      return false;
    }
    if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    // RFC 4193 unique local IPv6 addresses, fc00::/7 (Java's isSiteLocalAddress only knows the deprecated fec0::/10).
    return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
  }
}
