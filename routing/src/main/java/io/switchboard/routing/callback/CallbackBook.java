package io.switchboard.routing.callback;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The callbacks owed to callers whose call was missed (nobody answered, after hours) or abandoned (they hung up
 * while waiting). Keyed by E.164 number, so a caller who tried five times gets one callback, not five.
 *
 * <p>Life of an entry: {@link #missed} creates or merges it; the server dials the {@link #nextDue()} entry; if
 * nobody answers, {@link #dialFailed} reschedules it after {@code retryAfter} until {@code maxDialAttempts} is
 * reached, then drops it. {@link #reached} removes it as soon as the caller talks to a human by any route
 * (they called again and got through, or the callback was answered).
 */
public final class CallbackBook {

  /** E.164: a plus, then up to 15 digits, the first not 0 (ITU-T E.164 §6). */
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  /** What {@link #missed} did, for the call's explanation. */
  public record Result(Kind kind, Optional<PendingCallback> callback, String reason) {

    public enum Kind { CREATED, MERGED, IGNORED }
  }

  private final InstantSource clock;
  private final Duration retryAfter;
  private final int maxDialAttempts;
  private final Map<String, PendingCallback> pending = new LinkedHashMap<>();

  public CallbackBook(InstantSource clock, Duration retryAfter, int maxDialAttempts) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (retryAfter.isNegative() || maxDialAttempts < 1) {
      throw new IllegalArgumentException("retryAfter must be >= 0 and maxDialAttempts >= 1");
    }
    this.retryAfter = retryAfter;
    this.maxDialAttempts = maxDialAttempts;
  }

  /** A call from {@code number} ended without a human; {@code cause} e.g. "abandoned after 95 s in support". */
  public Result missed(String number, String queueId, String cause) {
    if (number == null || !E164.matcher(number).matches()) {
      return new Result(Result.Kind.IGNORED, Optional.empty(),
          "no callback: caller number '" + number + "' is not E.164 (anonymous or widget caller)");
    }
    var now = clock.instant();
    PendingCallback existing = pending.get(number);
    if (existing != null) {
      PendingCallback merged = existing.merged(cause, now);
      pending.put(number, merged);
      return new Result(Result.Kind.MERGED, Optional.of(merged), "callback to " + number
          + " already pending since " + existing.firstMissed() + "; missed call #" + merged.missedCalls()
          + " merged into it");
    }
    PendingCallback created = new PendingCallback(number, queueId, now, now, 1, 0, now, cause);
    pending.put(number, created);
    return new Result(Result.Kind.CREATED, Optional.of(created), "callback to " + number + " booked: " + cause);
  }

  /** The callback to dial now: due, and missed first (the caller keeps their place). */
  public Optional<PendingCallback> nextDue() {
    var now = clock.instant();
    return pending.values().stream().filter(p -> !p.notBefore().isAfter(now))
        .min(Comparator.comparing(PendingCallback::firstMissed).thenComparing(PendingCallback::number));
  }

  /** Our call to them was not answered: retry later, or give up after the last attempt. Returns the entry left. */
  public Optional<PendingCallback> dialFailed(String number) {
    PendingCallback p = pending.get(number);
    if (p == null) {
      return Optional.empty();
    }
    PendingCallback next = p.failed(clock.instant().plus(retryAfter));
    if (next.dialAttempts() >= maxDialAttempts) {
      pending.remove(number);
      return Optional.empty();
    }
    pending.put(number, next);
    return Optional.of(next);
  }

  /** The caller spoke to a human (any route): nothing is owed any more. True if a callback was pending. */
  public boolean reached(String number) {
    return pending.remove(number) != null;
  }

  public Optional<PendingCallback> find(String number) {
    return Optional.ofNullable(pending.get(number));
  }

  public Collection<PendingCallback> pending() {
    return Collections.unmodifiableCollection(pending.values());
  }
}
