package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux's /proc counters the JVM does not give: the whole machine's busy CPU (/proc/stat), another process's CPU
 * (/proc/PID/stat, e.g. SIPp's) and this process's resident memory (/proc/self/status). Each reads -1 where /proc
 * is missing.
 */
final class ProcStat {
  /** USER_HZ: the unit of /proc's CPU times on every Linux architecture we run on. */
  private static final double MILLIS_PER_TICK = 10;

  private ProcStat() {
  }

  /** Busy and total CPU of the machine, in ms summed over cores: {busy, total}. */
  static double[] machineCpuMillis() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      double total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      // idle + iowait
      double idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new double[] {(total - idle) * MILLIS_PER_TICK, total * MILLIS_PER_TICK};
    } catch (IOException | RuntimeException e) {
      return new double[] {-1, -1};
    }
  }

  /** User + system CPU of process {@code pid} in ms, or -1. */
  static double processCpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The command name is in parentheses and may hold spaces: count fields after its closing one.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MILLIS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** This process's resident set size in bytes, or -1. */
  static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux.
    }
    return -1;
  }
}
