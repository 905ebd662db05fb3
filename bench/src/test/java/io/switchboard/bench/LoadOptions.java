package io.switchboard.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a load run does: {@code calls} concurrent calls to as many synthetic agents, placed at {@code rate} calls
 * per second, each talking for {@code talk}; the JSON report goes to {@code reportDir}.
 *
 * @param warmup    how long after the last call is answered the steady-state CPU window starts ({@link
 *                  SteadyWindow})
 * @param heapProbe whether to force one full GC once every call is connected, to measure heap per call (it
 *                  pauses the server once; its GC time is left out of the GC figures)
 */
record LoadOptions(int calls, Duration talk, int rate, Duration warmup, boolean heapProbe, Path reportDir) {

  static final String USAGE = "options: --calls N (20) --seconds S talk time (10) --rate R calls/s (10) "
      + "--warmup-seconds W steady window starts W s after the last answer (5) --heap-probe true|false (true) --report-dir DIR (bench/target)";

  LoadOptions {
    if (calls < 1 || calls > 5000) {
      throw new IllegalArgumentException("--calls must be 1..5000, was " + calls);
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
    return new LoadOptions(20, Duration.ofSeconds(10), 10, Duration.ofSeconds(5), true, reportDir);
  }

  static LoadOptions parse(String[] args, Path defaultReportDir) {
    LoadOptions o = smoke(defaultReportDir);
    int calls = o.calls;
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
          case "--calls" -> calls = Integer.parseInt(value);
          case "--seconds" -> seconds = Long.parseLong(value);
          case "--rate" -> rate = Integer.parseInt(value);
          case "--warmup-seconds" -> warmup = Long.parseLong(value);
          case "--heap-probe" -> heapProbe = Boolean.parseBoolean(value);
          case "--report-dir" -> reportDir = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " needs a number, was " + value);
      }
    }
    return new LoadOptions(calls, Duration.ofSeconds(seconds), rate, Duration.ofSeconds(warmup), heapProbe,
        reportDir);
  }
}
