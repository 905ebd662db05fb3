package io.switchboard.server.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * How much of the media endpoint one signed-in user may take for headset checks: a few echo sessions open at once
 * (one per tab or browser being checked) and a bounded number started per minute, so a stolen or scripted token
 * cannot fill the WebRTC port with sessions or churn DTLS handshakes. Synchronized: sessions close on media threads.
 */
final class EchoQuota {

  static final int MAX_OPEN = 2;
  static final int MAX_STARTS_PER_WINDOW = 10;
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final Clock clock;
  private final Map<String, Integer> open = new HashMap<>();
  private final Map<String, Deque<Instant>> starts = new HashMap<>();

  EchoQuota(Clock clock) {
    this.clock = clock;
  }

  /**
   * Takes one session for {@code userId}, or explains why not (the caller answers 429 with that reason and
   * {@link #retryAfterSeconds}); null when taken. Every taken session is given back with {@link #release}.
   */
  synchronized String take(String userId) {
    Instant now = clock.instant();
    Deque<Instant> recent = starts.computeIfAbsent(userId, id -> new ArrayDeque<>());
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
      recent.removeFirst();
    }
    if (open.getOrDefault(userId, 0) >= MAX_OPEN) {
      return "at most " + MAX_OPEN + " headset checks at once: stop one first";
    }
    if (recent.size() >= MAX_STARTS_PER_WINDOW) {
      return "at most " + MAX_STARTS_PER_WINDOW + " headset checks a minute";
    }
    recent.addLast(now);
    open.merge(userId, 1, Integer::sum);
    return null;
  }

  synchronized void release(String userId) {
    open.computeIfPresent(userId, (id, n) -> n > 1 ? n - 1 : null);
  }

  /** Seconds until {@code userId} may start again (RFC 9110 §10.2.3 Retry-After), at least 1. */
  synchronized long retryAfterSeconds(String userId) {
    Deque<Instant> recent = starts.get(userId);
    if (open.getOrDefault(userId, 0) >= MAX_OPEN || recent == null || recent.isEmpty()) {
      return 1;
    }
    Duration wait = Duration.between(clock.instant(), recent.peekFirst().plus(WINDOW));
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
