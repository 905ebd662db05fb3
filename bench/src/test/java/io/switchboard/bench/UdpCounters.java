package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The kernel's UDP counters via {@code nstat} (Debian: iproute2), for the drops no socket counter shows. */
final class UdpCounters {
  private UdpCounters() {
  }

  /** Datagrams the kernel dropped because a socket's receive buffer was full (all sockets), or -1 without nstat. */
  static long rcvbufErrors() {
    try {
      // -a: absolute values, not the change since nstat last ran; -z: print zero counters too.
      Process p = new ProcessBuilder("nstat", "-az", "UdpRcvbufErrors").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return -1;
      }
      for (String line : out.split("\n")) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length >= 2 && fields[0].equals("UdpRcvbufErrors")) {
          return Long.parseLong(fields[1]);
        }
      }
      return -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
