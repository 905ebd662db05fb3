package io.switchboard.routing.cascade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The cascade for one call, as pure logic: {@link #next()} gives the next step to execute. Steps, in order:
 *
 * <ol>
 *   <li>{@code managers}: the personal manager and every backup manager ring at the same time (the seed: "backup
 *       managers may be several, and to shorten the wait their phones ring simultaneously");</li>
 *   <li>{@code last-agent}: the agent the caller last spoke with;</li>
 *   <li>{@code supervisor}: the group supervisor;</li>
 *   <li>{@code queue}: the ordinary queue, always reached.</li>
 * </ol>
 *
 * A step rings only the agents that are available when it starts and were not rung by an earlier step; a step left
 * with nobody is skipped, and the explanation of the next executed step says who was skipped and why.
 */
public final class PersonalManagerCascade {

  private final CascadePlan plan;
  private final AgentAvailability availability;
  private final Set<String> alreadyRung = new LinkedHashSet<>();
  private int stage;

  public PersonalManagerCascade(CascadePlan plan, AgentAvailability availability) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.availability = Objects.requireNonNull(availability, "availability");
  }

  /** The next step; after the queue step it keeps answering the queue step. */
  public CascadeStep next() {
    List<String> skipped = new ArrayList<>();
    while (stage < 3) {
      int s = stage++;
      String name = switch (s) {
        case 0 -> "managers";
        case 1 -> "last-agent";
        default -> "supervisor";
      };
      List<String> wanted = new ArrayList<>();
      List<String> roles = new ArrayList<>();
      switch (s) {
        case 0 -> {
          add(wanted, roles, plan.personalManager(), "personal manager");
          plan.backupManagers().forEach(b -> add(wanted, roles, b, "backup manager"));
        }
        case 1 -> add(wanted, roles, plan.lastAgent(), "last agent");
        default -> add(wanted, roles, plan.supervisor(), "supervisor");
      }
      Duration timeout = switch (s) {
        case 0 -> plan.timers().managers();
        case 1 -> plan.timers().lastAgent();
        default -> plan.timers().supervisor();
      };
      List<String> ring = new ArrayList<>();
      for (int i = 0; i < wanted.size(); i++) {
        String agent = wanted.get(i);
        if (alreadyRung.contains(agent)) {
          skipped.add(roles.get(i) + " " + agent + ": already rung");
        } else if (!availability.available(agent)) {
          skipped.add(roles.get(i) + " " + agent + ": " + availability.describe(agent));
        } else {
          ring.add(agent);
        }
      }
      if (wanted.isEmpty()) {
        skipped.add(name + ": nobody configured");
      }
      if (!ring.isEmpty()) {
        alreadyRung.addAll(ring);
        return CascadeStep.ring(name, ring, timeout, explain("ring " + String.join(" + ", ring) + " (" + name
            + ") for " + timeout.toSeconds() + " s", skipped));
      }
    }
    return CascadeStep.queue(plan.queueId(), explain("queue " + plan.queueId(), skipped));
  }

  private static void add(List<String> agents, List<String> roles, String agent, String role) {
    if (agent != null && !agent.isBlank()) {
      agents.add(agent);
      roles.add(role);
    }
  }

  private static String explain(String what, List<String> skipped) {
    return skipped.isEmpty() ? what : what + "; skipped " + String.join(", ", skipped);
  }
}
