package io.switchboard.server.outbound;

import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the wall's per-day spend cap across restarts: each trunk's count of outbound calls started on a UTC day is
 * stored in the settings collection ({@code outbound.started.<trunk>}: {@code {day, started}}) after every admitted
 * call, and read back into the wall when the server starts. Without it a restart would hand every trunk a fresh
 * day's budget, and a toll-fraud run could simply crash the server to reset the cap.
 */
public final class OutboundTallies {
  private static final Logger LOG = Logger.getLogger(OutboundTallies.class.getName());
  private static final String KEY = "outbound.started.";

  private final Store store;
  /** Writes go one after another, so an older count never lands after a newer one. */
  private Future<Void> lastWrite = Future.succeededFuture();

  private OutboundTallies(Store store) {
    this.store = store;
  }

  /** Restores today's counts into {@code wall}, then stores every new count; completes once restored. */
  public static Future<Void> attach(Store store, OutboundWall wall) {
    OutboundTallies tallies = new OutboundTallies(store);
    List<Future<Void>> reads = new ArrayList<>();
    for (String trunk : wall.trunks()) {
      reads.add(store.setting(KEY + trunk).map(found -> {
        found.ifPresent(t -> wall.restore(trunk, LocalDate.parse(t.getString("day")), t.getInteger("started", 0)));
        return null;
      }));
    }
    return Future.all(reads).<Void>mapEmpty().onComplete(v -> wall.onCounted(tallies::save));
  }

  private synchronized void save(String trunk, LocalDate day, int started) {
    JsonObject value = new JsonObject().put("day", day.toString()).put("started", started);
    lastWrite = lastWrite.transform(v -> store.putSetting(KEY + trunk, value))
        .onFailure(e -> LOG.log(Level.WARNING, "cannot store the outbound count of trunk " + trunk, e));
  }
}
