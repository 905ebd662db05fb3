package io.switchboard.server.live;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The live figures as the boards receive them: rendered per viewer (their scope), and pushed to subscribers after a
 * change, coalesced so a burst of events costs one push per {@link #COALESCE_MS} at most (and the first push of a
 * burst leaves within that time, well inside the wallboard's one second).
 */
public final class LiveFeed {

  /** Changes within this window go out together: at most five pushes a second per subscriber. */
  public static final long COALESCE_MS = 200;

  private final Vertx vertx;
  private final LiveStats stats;
  private final LiveConfig config;
  private final Supplier<List<String>> notReadyReasons;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean flushPending = new AtomicBoolean();
  /** Midnight comes without an event: a look once a minute starts the new day on the boards. */
  private final long dayTimer;

  public LiveFeed(Vertx vertx, LiveStats stats, LiveConfig config, Supplier<List<String>> notReadyReasons) {
    this.vertx = vertx;
    this.stats = stats;
    this.config = config;
    this.notReadyReasons = notReadyReasons;
    stats.onChange(this::changed);
    this.dayTimer = vertx.setPeriodic(DAY_CHECK_MS, t -> stats.checkDay());
  }

  static final long DAY_CHECK_MS = 60_000;

  /** Stops the day timer; subscribers get nothing more. Idempotent. */
  public void close() {
    vertx.cancelTimer(dayTimer);
    subscribers.clear();
  }

  /** The figures {@code visible}'s agents make (docs/api.md, "Live statistics"). */
  public JsonObject render(Predicate<String> visible) {
    return stats.snapshot(visible).toJson(config).put("notReadyReasons", new JsonArray(notReadyReasons.get()));
  }

  /** Sends the figures now, then after every change until {@link Subscription#cancel}. */
  public Subscription subscribe(Predicate<String> visible, Consumer<JsonObject> send) {
    Subscriber s = new Subscriber(visible, send);
    subscribers.add(s);
    s.send.accept(render(visible));
    return () -> subscribers.remove(s);
  }

  /** Subscribers now (for tests and /health). */
  public int subscriberCount() {
    return subscribers.size();
  }

  private void changed() {
    if (subscribers.isEmpty() || !flushPending.compareAndSet(false, true)) {
      return;
    }
    vertx.setTimer(COALESCE_MS, t -> {
      flushPending.set(false);
      for (Subscriber s : subscribers) {
        s.send.accept(render(s.visible));
      }
    });
  }

  /** One board's subscription. */
  @FunctionalInterface
  public interface Subscription {
    void cancel();
  }

  private record Subscriber(Predicate<String> visible, Consumer<JsonObject> send) {
  }
}
