package io.switchboard.routing.acd;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rule that widens the pool of agents as the caller waits: a list of steps sorted by time, the last one reached
 * is in force. Without steps the call's skills are required exactly as asked.
 */
public record SkillWidening(List<WideningStep> steps) {

  public static final SkillWidening NONE = new SkillWidening(List.of());

  public SkillWidening {
    steps = steps.stream().sorted(Comparator.comparing(WideningStep::after)).toList();
  }

  public static SkillWidening of(WideningStep... steps) {
    return new SkillWidening(List.of(steps));
  }

  /** The step in force after {@code waited}, or empty before the first step. */
  public Optional<WideningStep> stepAt(Duration waited) {
    WideningStep current = null;
    for (WideningStep s : steps) {
      if (s.after().compareTo(waited) <= 0) {
        current = s;
      }
    }
    return Optional.ofNullable(current);
  }

  /** The first step still ahead after {@code waited}: when the pool will next widen. */
  public Optional<Duration> nextStepAfter(Duration waited) {
    return steps.stream().map(WideningStep::after).filter(a -> a.compareTo(waited) > 0).findFirst();
  }

  /** The proficiency each skill requires after {@code waited}; empty map when any member will do. */
  public Map<String, Integer> required(Map<String, Integer> asked, Duration waited) {
    if (asked.isEmpty()) {
      return Map.of();
    }
    Optional<WideningStep> step = stepAt(waited);
    if (step.isPresent() && step.get().anySkill()) {
      return Map.of();
    }
    int relax = step.map(WideningStep::relaxBy).orElse(0);
    return asked.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> Math.max(1, e.getValue() - relax), (a, b) -> a, java.util.LinkedHashMap::new));
  }

  /** Why an agent with {@code skills} does not qualify, or empty when it does. */
  public static Optional<String> shortfall(Map<String, Integer> required, Map<String, Integer> skills) {
    for (Map.Entry<String, Integer> need : required.entrySet()) {
      int has = skills.getOrDefault(need.getKey(), 0);
      if (has < need.getValue()) {
        return Optional.of(need.getKey() + " " + has + " < " + need.getValue());
      }
    }
    return Optional.empty();
  }

  public String describe(Map<String, Integer> asked, Duration waited) {
    if (asked.isEmpty()) {
      return "none";
    }
    Map<String, Integer> req = required(asked, waited);
    String need = req.isEmpty() ? "any member" : req.entrySet().stream()
        .map(e -> e.getKey() + ">=" + e.getValue()).collect(Collectors.joining(", "));
    return need + stepAt(waited).map(s -> " (widened: " + s.describe() + ")").orElse("");
  }
}
