package io.switchboard.bench;

import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The CPU of the middle of a step, when every call is connected and nothing is being set up or torn down: from
 * {@code --warmup-seconds} after the last call was answered (and the heap probe) until the first call ends. Each
 * call-second there is one call talking for one second, so this leaves out the JIT warm-up, the DTLS handshakes and
 * the SIP setup that the whole-window figure includes.
 *
 * @param forwardedPackets   RTP packets the server forwarded in the window, as the receivers counted them (caller →
 *                           agent plus agent → caller)
 * @param machineBusyMs      CPU the whole machine spent in the window (every process, /proc/stat), of
 *                           {@code machineTotalMs}
 * @param sippCpuMs          the SIPp process's CPU in the window
 * @param cpuMsByThreadGroup where this JVM's CPU went, by thread group ({@link ThreadCpu#group})
 * @param busiestThreadsMs   the busiest single threads (one thread at the window's length is a saturated core)
 */
record SteadyWindow(double seconds, int calls, ResourceSnapshot before, ResourceSnapshot after,
    long forwardedPackets, double machineBusyMs, double machineTotalMs, double sippCpuMs,
    Map<String, Double> cpuMsByThreadGroup, Map<String, Double> busiestThreadsMs) {

  /** Waits out the warm-up, then measures until the first call ends; null when no window was left. */
  static SteadyWindow measure(int calls, LoadOptions options, IntSupplier ended, LongSupplier forwarded,
      long sippPid, Runnable onStart) throws InterruptedException {
    long warmupEnd = System.nanoTime() + options.warmup().toNanos();
    while (System.nanoTime() < warmupEnd && ended.getAsInt() == 0) {
      Thread.sleep(20);
    }
    if (ended.getAsInt() > 0) {
      return null;
    }
    onStart.run();
    ResourceSnapshot before = ResourceSnapshot.take();
    ThreadCpu threadsBefore = ThreadCpu.take();
    long forwardedBefore = forwarded.getAsLong();
    double[] machineBefore = ProcStat.machineCpuMillis();
    double sippBefore = ProcStat.processCpuMillis(sippPid);
    // Bounded by the talk time: SIPp hangs up every call by then.
    long deadline = System.nanoTime() + options.talk().plus(Duration.ofSeconds(30)).toNanos();
    while (ended.getAsInt() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    ResourceSnapshot after = ResourceSnapshot.take();
    ThreadCpu threadsAfter = ThreadCpu.take();
    Map<String, Double> byGroup = threadsAfter.millisSince(threadsBefore);
    Map<String, Double> top = threadsAfter.busiestThreadsSince(threadsBefore, 6);
    long forwardedPackets = forwarded.getAsLong() - forwardedBefore;
    double[] machineAfter = ProcStat.machineCpuMillis();
    double sippAfter = ProcStat.processCpuMillis(sippPid);
    double seconds = before.seconds(after);
    return seconds < 1 ? null : new SteadyWindow(seconds, calls, before, after, forwardedPackets,
        machineAfter[0] - machineBefore[0], machineAfter[1] - machineBefore[1],
        sippBefore < 0 || sippAfter < 0 ? -1 : sippAfter - sippBefore, byGroup, top);
  }

  double callSeconds() {
    return seconds * calls;
  }

  double processCpuMs() {
    return (after.processCpuNanos() - before.processCpuNanos()) / 1e6;
  }

  double loadGeneratorCpuMs() {
    return (after.loadThreadsCpuNanos() - before.loadThreadsCpuNanos()) / 1e6;
  }

  double serverCpuMs() {
    return processCpuMs() - loadGeneratorCpuMs();
  }
}
