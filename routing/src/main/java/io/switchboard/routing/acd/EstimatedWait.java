package io.switchboard.routing.acd;

import java.time.Duration;
import java.util.Optional;

/**
 * Estimated wait for the caller at a given position:
 *
 * <pre>
 *   EWT(position) = position × AHT / N
 * </pre>
 *
 * where AHT is the queue's average handle time (talk + wrap-up) and N the members staffing it (Ready, Ringing, On
 * call or Wrap-up; Not ready agents take no calls). With all N agents busy, agents free up at rate N/AHT, and the
 * caller at position k waits for k of those departures. For exponential handle times (M/M/N, first come first
 * served) this is exactly the conditional mean wait: the time to the k-th departure is Erlang(k, N/AHT) distributed,
 * mean k·AHT/N. With nobody staffing the queue there is no estimate.
 */
public final class EstimatedWait {

  private EstimatedWait() {
  }

  public static Optional<Duration> at(int position, int staffed, Duration averageHandleTime) {
    if (staffed <= 0 || position <= 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(Math.round(averageHandleTime.toMillis() * (double) position / staffed)));
  }
}
