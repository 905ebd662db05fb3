package io.switchboard.gateway.impl;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/** Finds a port free for UDP and TCP alike on one address, for {@code sip.port = 0}. */
final class FreePort {

  private FreePort() {
  }

  static int pick(String bindHost, List<String> transports) throws IOException {
    InetAddress address = InetAddress.getByName(bindHost);
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0))) {
        int candidate = udp.getLocalPort();
        if (!transports.contains("tcp")) {
          return candidate;
        }
        try (ServerSocket tcp = new ServerSocket()) {
          tcp.bind(new InetSocketAddress(address, candidate));
          return candidate;
        } catch (IOException e) {
          last = e; // taken for TCP: try another
        }
      }
    }
    throw last != null ? last : new IOException("no free port");
  }
}
