package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kernel receive-buffer drops per UDP socket, from the {@code drops} column of /proc/net/udp, sampled through the
 * run and told apart by owner: the server's WebRTC port, its trunk RTP ports, the rest of this JVM (the synthetic
 * agents and the media tap), and other processes (SIPp, which never reads the RTP its rtp_stream calls receive, and
 * anything else on the machine). nstat's UdpRcvbufErrors is the machine-wide sum of all of these. Linux only; on
 * other systems every figure stays 0.
 */
final class UdpSocketDrops {
  static final String SERVER_WEBRTC = "serverWebRtc";
  static final String SERVER_TRUNK_RTP = "serverTrunkRtp";
  static final String LOAD_GENERATOR = "loadGeneratorInThisJvm";
  static final String OTHER_PROCESSES = "otherProcesses";

  private static final Path UDP_TABLE = Path.of("/proc/net/udp");
  private static final int TRUNK_PORT_MIN = 20000;
  private static final int TRUNK_PORT_MAX = 29999;

  private final int webRtcPort;
  /** Per socket inode: drops when first seen (sockets older than the run), highest drops seen, owner. */
  private final Map<Long, long[]> counts = new HashMap<>();
  private final Map<Long, String> owners = new HashMap<>();
  private boolean baseline = true;

  UdpSocketDrops(int webRtcPort) {
    this.webRtcPort = webRtcPort;
  }

  /** Reads the table once; the first call sets the baseline. */
  synchronized void sample() {
    List<String> lines;
    try {
      lines = Files.readAllLines(UDP_TABLE);
    } catch (IOException e) {
      return;
    }
    Set<Long> ours = socketsOfThisProcess();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 13) {
        continue;
      }
      long inode = Long.parseLong(f[9]);
      long drops = Long.parseLong(f[f.length - 1]);
      int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
      long[] c = counts.computeIfAbsent(inode, k -> new long[] {baseline ? drops : 0, drops});
      c[1] = Math.max(c[1], drops);
      owners.computeIfAbsent(inode, k -> owner(ours.contains(inode), port));
    }
    baseline = false;
  }

  private String owner(boolean ours, int port) {
    if (!ours) {
      return OTHER_PROCESSES;
    }
    if (port == webRtcPort) {
      return SERVER_WEBRTC;
    }
    return port >= TRUNK_PORT_MIN && port <= TRUNK_PORT_MAX ? SERVER_TRUNK_RTP : LOAD_GENERATOR;
  }

  /** Drops since the baseline, by owner. */
  synchronized Map<String, Long> dropsByOwner() {
    Map<String, Long> out = new TreeMap<>();
    for (String owner : List.of(SERVER_WEBRTC, SERVER_TRUNK_RTP, LOAD_GENERATOR, OTHER_PROCESSES)) {
      out.put(owner, 0L);
    }
    counts.forEach((inode, c) -> out.merge(owners.get(inode), c[1] - c[0], Long::sum));
    return out;
  }

  private static Set<Long> socketsOfThisProcess() {
    Set<Long> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
          }
        } catch (IOException | RuntimeException e) {
          // The descriptor closed while we looked.
        }
      }
    } catch (IOException e) {
      // Not Linux: no attribution.
    }
    return inodes;
  }
}
