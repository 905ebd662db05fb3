package io.switchboard.routing.acd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A call asking to be queued: which queue, the caller's priority (0 = normal; higher is served first, e.g. VIP 10)
 * and the skills it needs with the desired proficiency (before the queue's widening rules relax it).
 */
public record CallRequest(String callId, String queueId, int priority, Map<String, Integer> skills) {

  public CallRequest {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(queueId, "queueId");
    skills = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skills));
    skills.forEach((skill, level) -> {
      if (level < 1 || level > 5) {
        throw new IllegalArgumentException("required proficiency must be 1..5, got " + level + " for " + skill);
      }
    });
  }

  public static CallRequest of(String callId, String queueId) {
    return new CallRequest(callId, queueId, 0, Map.of());
  }

  public CallRequest withPriority(int p) {
    return new CallRequest(callId, queueId, p, skills);
  }

  public CallRequest withSkill(String skill, int proficiency) {
    Map<String, Integer> s = new LinkedHashMap<>(skills);
    s.put(skill, proficiency);
    return new CallRequest(callId, queueId, priority, s);
  }
}
