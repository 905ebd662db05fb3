package io.switchboard.routing.callback;

import io.switchboard.routing.acd.RoutedCall;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * A caller who chose "keep my place" (the queue's callback digit): they hung up, and their callback holds the place
 * they had in the queue, entered at {@code placeSince} with {@code priority}. Its turn comes when no call still
 * waiting in the queue is ahead of that place: none with a higher priority, none of the same priority that was
 * queued earlier (the queue's own order, docs/routing.md). Only then is the callback dialled.
 */
public record KeptPlace(String queueId, int priority, Instant placeSince) {

  public KeptPlace {
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(placeSince, "placeSince");
  }

  /** How many of the calls waiting in the queue are ahead of this place (0: its turn has come). */
  public int ahead(Collection<RoutedCall> waiting) {
    int n = 0;
    for (RoutedCall call : waiting) {
      if (!call.queueId().equals(queueId) || call.connected()) {
        continue;
      }
      int p = call.request().priority();
      if (p > priority || (p == priority && call.queuedAt().isBefore(placeSince))) {
        n++;
      }
    }
    return n;
  }

  /** Whether the place has reached the head of the queue. */
  public boolean turnCome(Collection<RoutedCall> waiting) {
    return ahead(waiting) == 0;
  }
}
