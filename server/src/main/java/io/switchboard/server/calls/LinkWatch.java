package io.switchboard.server.calls;

/**
 * Keeps asking the other end of a node link whether it still knows the call ({@code alive}, every second, 1 s to
 * answer); three answers missed or "unknown" in a row and the link is lost (the other node died, or forgot the
 * call), which ends this side's call. About 3 s from a {@code kill -9} to the ending, inside the 5 s budget of
 * docs/scale.md; a node the cluster manager already dropped fails at once (no handler).
 */
final class LinkWatch {
  static final long EVERY_MS = 1_000;
  static final int MISSES = 3;

  private final NodeLinks links;
  private final String peer;
  private final String callId;
  private final Runnable lost;
  private long timer = -1;
  private int missed;
  private boolean stopped;

  LinkWatch(NodeLinks links, String peer, String callId, Runnable lost) {
    this.links = links;
    this.peer = peer;
    this.callId = callId;
    this.lost = lost;
  }

  void start() {
    if (timer < 0 && !stopped) {
      timer = links.center.vertx.setPeriodic(EVERY_MS, t -> ask());
    }
  }

  private void ask() {
    links.request(peer, NodeLinks.message("alive", callId)).onComplete(ar -> links.center.on(() -> {
      boolean known = ar.succeeded() && ar.result().getBoolean("known", false);
      missed = known ? 0 : missed + 1;
      if (missed >= MISSES && !stopped) {
        stop();
        lost.run();
      }
      return io.vertx.core.Future.succeededFuture();
    }));
  }

  void stop() {
    stopped = true;
    if (timer >= 0) {
      links.center.vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
