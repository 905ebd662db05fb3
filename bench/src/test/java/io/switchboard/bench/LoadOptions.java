package io.switchboard.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a load run does: for each step, as many concurrent calls to as many synthetic agents (the fleet grows
 * between steps), placed at {@code rate} calls per second, each talking for {@code talk}; the JSON reports and the
 * chart go to {@code reportDir}.
 *
 * @param steps     concurrent calls of each step, ascending ({@code --calls N} is one step)
 * @param warmup    how long after the last call is answered the steady-state CPU window starts ({@link
 *                  SteadyWindow})
 * @param heapProbe whether to force one full GC before and once every call is connected, to measure heap per
 *                  call (it pauses the server once; its GC time is left out of the GC figures)
 */
record LoadOptions(List<Integer> steps, Duration talk, int rate, Duration warmup, boolean heapProbe,
    Path reportDir) {

  static final int MAX_CALLS = 2540;
  static final String USAGE = "options: --calls N (20) | --steps N1,N2,... (ascending) --seconds S talk time (10) "
      + "--rate R calls/s (10) --warmup-seconds W steady window starts W s after the last answer (5) "
      + "--heap-probe true|false (true) --report-dir DIR (bench/target)";

  LoadOptions {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("no steps; " + USAGE);
    }
    int previous = 0;
    for (int calls : steps) {
      if (calls < 1 || calls > MAX_CALLS) {
        throw new IllegalArgumentException("calls of a step must be 1.." + MAX_CALLS + ", was " + calls);
      }
      if (calls <= previous) {
        throw new IllegalArgumentException("--steps must ascend, was " + steps);
      }
      previous = calls;
    }
    if (talk.isNegative() || talk.toSeconds() < 2) {
      throw new IllegalArgumentException("--seconds must be at least 2 (the tone must be heard), was "
          + talk.toSeconds());
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup-seconds must not be negative");
    }
    if (rate < 1) {
      throw new IllegalArgumentException("--rate must be at least 1 call per second, was " + rate);
    }
  }

  /** The smoke run of the test suite: 20 calls for 10 s. */
  static LoadOptions smoke(Path reportDir) {
    return new LoadOptions(List.of(20), Duration.ofSeconds(10), 10, Duration.ofSeconds(5), true, reportDir);
  }

  int maxCalls() {
    return steps.get(steps.size() - 1);
  }

  static LoadOptions parse(String[] args, Path defaultReportDir) {
    LoadOptions o = smoke(defaultReportDir);
    List<Integer> steps = o.steps;
    long seconds = o.talk.toSeconds();
    int rate = o.rate;
    long warmup = o.warmup.toSeconds();
    boolean heapProbe = o.heapProbe;
    Path reportDir = o.reportDir;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("no value for " + name + "; " + USAGE);
      }
      String value = args[++i];
      try {
        switch (name) {
          case "--calls" -> steps = List.of(Integer.parseInt(value));
          case "--steps" -> {
            List<Integer> parsed = new ArrayList<>();
            for (String s : value.split(",")) {
              parsed.add(Integer.parseInt(s.trim()));
            }
            steps = parsed;
          }
          case "--seconds" -> seconds = Long.parseLong(value);
          case "--rate" -> rate = Integer.parseInt(value);
          case "--warmup-seconds" -> warmup = Long.parseLong(value);
          case "--heap-probe" -> heapProbe = Boolean.parseBoolean(value);
          case "--report-dir" -> reportDir = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " needs a number (or numbers separated by commas), was " + value);
      }
    }
    return new LoadOptions(steps, Duration.ofSeconds(seconds), rate, Duration.ofSeconds(warmup), heapProbe,
        reportDir);
  }
}
