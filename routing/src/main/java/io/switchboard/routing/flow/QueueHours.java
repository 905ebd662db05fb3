package io.switchboard.routing.flow;

import io.switchboard.routing.calendar.BusinessHours;
import io.switchboard.routing.calendar.HoursStatus;
import io.switchboard.routing.flow.step.Callback;
import io.switchboard.routing.flow.step.Hours;
import io.switchboard.routing.flow.step.JoinQueue;
import io.switchboard.routing.flow.step.RingCascade;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A queue's business hours, as the flows define them: the {@code hours} steps whose "open" branch leads (through
 * any steps) to the queue, a cascade on it, or a callback booked for it. A queue is open when one of them is open;
 * a queue no hours step guards (reached around the clock, or from no flow at all) is always open. This is the window
 * in which the server dials the queue's callbacks (docs/routing.md, "Dialled callbacks").
 */
public final class QueueHours {

  private final List<BusinessHours> guards;

  private QueueHours(List<BusinessHours> guards) {
    this.guards = List.copyOf(guards);
  }

  /** The hours of {@code queueId} in these flows. */
  public static QueueHours of(Collection<Flow> flows, String queueId) {
    List<BusinessHours> guards = new ArrayList<>();
    for (Flow flow : flows) {
      for (Step step : flow.steps().values()) {
        if (step instanceof Hours hours && leadsTo(flow, hours.open(), queueId)) {
          guards.add(hours.hours());
        }
      }
    }
    return new QueueHours(guards);
  }

  /** Whether the queue is open at {@code at}: some guarding hours step says open, or none guards it. */
  public boolean open(Instant at) {
    return guards.isEmpty() || guards.stream().anyMatch(h -> h.status(at) == HoursStatus.OPEN);
  }

  /** Whether any hours step guards the queue (false: always open). */
  public boolean guarded() {
    return !guards.isEmpty();
  }

  private static boolean leadsTo(Flow flow, String from, String queueId) {
    Deque<String> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    todo.add(from);
    while (!todo.isEmpty()) {
      String id = todo.poll();
      if (id == null || !seen.add(id) || !flow.steps().containsKey(id)) {
        continue;
      }
      Step step = flow.steps().get(id);
      if (queueId.equals(queueOf(step))) {
        return true;
      }
      step.branches().forEach(b -> todo.add(b.target()));
    }
    return false;
  }

  private static String queueOf(Step step) {
    if (step instanceof JoinQueue q) {
      return q.queueId();
    }
    if (step instanceof RingCascade c) {
      return c.queueId();
    }
    if (step instanceof Callback c) {
      return c.queueId();
    }
    return null;
  }
}
