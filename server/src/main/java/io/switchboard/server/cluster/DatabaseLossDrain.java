package io.switchboard.server.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * A cluster node that has not reached the database for a lease term stops taking new calls, and takes them again
 * as soon as it reaches it (docs/scale.md, "Failure cases"). By then its liveness lease has lapsed, the leader has
 * closed its calls' records, and it could write no record of a new call. Its calls that are up go on.
 *
 * <p>New INVITEs get 503 with Retry-After (RFC 3261 §21.5.4), so Kamailio's failure route tries the next node.
 * OPTIONS are still answered 200 on purpose: a node Kamailio's probes find dead has its dialogs ended with BYE
 * (dispatcher {@code dst-down}), and these calls are alive.
 */
public final class DatabaseLossDrain {
  private static final Logger LOG = Logger.getLogger(DatabaseLossDrain.class.getName());

  private final Duration limit;
  private final LongSupplier lastContact;
  private final Runnable pause;
  private final Runnable resume;
  private boolean paused;
  private Vertx vertx;
  private long timer = -1;

  /**
   * @param limit       how long without reaching the database before new calls are refused
   * @param lastContact when the database last answered (epoch ms), e.g. the last renewal of the node's lease
   * @param pause       refuses new calls (reversibly)
   * @param resume      takes new calls again
   */
  public DatabaseLossDrain(Duration limit, LongSupplier lastContact, Runnable pause, Runnable resume) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    this.limit = limit;
    this.lastContact = lastContact;
    this.pause = pause;
    this.resume = resume;
  }

  /** Pauses once the last contact is older than the limit, resumes once it is not. Returns whether paused. */
  public boolean check(long nowMillis) {
    long silentFor = nowMillis - lastContact.getAsLong();
    boolean cutOff = silentFor > limit.toMillis();
    if (cutOff && !paused) {
      paused = true;
      LOG.warning(() -> "no answer from the database for " + silentFor + " ms: new calls refused with 503 until "
          + "it answers again");
      pause.run();
    } else if (!cutOff && paused) {
      paused = false;
      LOG.info("the database answers again: taking new calls");
      resume.run();
    }
    return paused;
  }

  /** Whether new calls are refused now. */
  public boolean paused() {
    return paused;
  }

  /** Checks every second on the caller's context until {@link #close()}. */
  public DatabaseLossDrain start(Vertx vertx) {
    this.vertx = vertx;
    timer = vertx.setPeriodic(1000, id -> check(System.currentTimeMillis()));
    return this;
  }

  /** Stops checking; a pause in force stays (a stopping node takes no new calls anyway). Idempotent. */
  public Future<Void> close() {
    if (vertx != null && timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return Future.succeededFuture();
  }
}
