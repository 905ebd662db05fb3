package io.switchboard.routing.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph rules of a flow, checked before it is built. "Never block the way to a human" (the seeds) becomes:
 *
 * <ol>
 *   <li>every branch names an existing step, and every step is reachable from the entry;</li>
 *   <li>no reachable step ends the call without a human: each such step is reported with the shortest path that
 *       gets a caller there, e.g. {@code start -> main [option 3] -> bye};</li>
 *   <li>a silent caller (never presses a key) gets somewhere: following every branch except menu choices never
 *       loops, so menus' timeout defaults lead out of the IVR. This also rules out loops of steps that never wait.
 *       </li>
 * </ol>
 *
 * Reaching a human = a queue, the personal-manager cascade (which always ends in a queue), a voicemail or a
 * callback. The black list's polite refusal is the one deliberate exception and is not a branch.
 */
final class FlowValidator {

  private FlowValidator() {
  }

  static List<String> problems(String entry, Map<String, Step> steps) {
    List<String> problems = new ArrayList<>();
    if (!steps.containsKey(entry)) {
      problems.add("entry: unknown step '" + entry + "'");
      return problems;
    }
    steps.values().forEach(s -> s.branches().forEach(b -> {
      if (!steps.containsKey(b.target())) {
        problems.add("steps." + s.id() + " [" + b.label() + "]: unknown step '" + b.target() + "'");
      }
    }));
    if (!problems.isEmpty()) {
      return problems;
    }
    Map<String, String> via = shortestPaths(entry, steps);
    steps.keySet().stream().filter(id -> !via.containsKey(id))
        .forEach(id -> problems.add("steps." + id + ": unreachable from the entry '" + entry + "'"));
    steps.values().stream().filter(s -> via.containsKey(s.id()) && s.reach() == Step.Reach.NO_HUMAN)
        .forEach(s -> problems.add("path " + path(s.id(), via) + " cannot reach a human: step '" + s.id()
            + "' (" + s.type() + ") ends the call, and every path must end in a queue, the cascade, a voicemail"
            + " or a callback"));
    silentLoop(entry, steps).ifPresent(loop -> problems.add("path " + loop + " loops forever for a caller who"
        + " presses nothing: a menu's timeout/invalid default must lead out of the loop"));
    return problems;
  }

  /** Breadth-first from the entry; for each reached step, "previous step id\u0000branch label". */
  private static Map<String, String> shortestPaths(String entry, Map<String, Step> steps) {
    Map<String, String> via = new LinkedHashMap<>();
    via.put(entry, null);
    Deque<String> todo = new ArrayDeque<>(List.of(entry));
    while (!todo.isEmpty()) {
      Step s = steps.get(todo.poll());
      for (Branch b : s.branches()) {
        if (!via.containsKey(b.target())) {
          via.put(b.target(), s.id() + "\u0000" + b.label());
          todo.add(b.target());
        }
      }
    }
    return via;
  }

  private static String path(String to, Map<String, String> via) {
    Deque<String> parts = new ArrayDeque<>();
    String at = to;
    parts.push(at);
    while (via.get(at) != null) {
      String[] prev = via.get(at).split("\u0000");
      parts.push(prev[0] + " [" + prev[1] + "]");
      at = prev[0];
    }
    return String.join(" -> ", parts);
  }

  /** Depth-first over non-choice branches; a back edge is a loop a silent caller would go round forever. */
  private static java.util.Optional<String> silentLoop(String entry, Map<String, Step> steps) {
    Map<String, Integer> colour = new HashMap<>(); // 1 = on the stack, 2 = done
    Deque<String> stack = new ArrayDeque<>();
    return visit(entry, steps, colour, stack);
  }

  private static java.util.Optional<String> visit(String id, Map<String, Step> steps, Map<String, Integer> colour,
      Deque<String> stack) {
    colour.put(id, 1);
    stack.addLast(id);
    for (Branch b : steps.get(id).branches()) {
      if (b.kind() == Branch.Kind.CHOICE) {
        continue;
      }
      Integer c = colour.get(b.target());
      if (c != null && c == 1) {
        List<String> loop = new ArrayList<>(stack);
        loop = loop.subList(loop.indexOf(b.target()), loop.size());
        return java.util.Optional.of(String.join(" -> ", loop) + " [" + b.label() + "] -> " + b.target());
      }
      if (c == null) {
        var found = visit(b.target(), steps, colour, stack);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    stack.removeLast();
    colour.put(id, 2);
    return java.util.Optional.empty();
  }
}
