package io.switchboard.gateway.torture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A carrier as the gateway sees it: a UDP socket on a trusted address that sends raw datagrams and reads the
 * responses. Raw on purpose: a SIP library would refuse to send most torture messages.
 */
public final class FakeTrunk implements AutoCloseable {

  /** One response as received: status code, the raw text, and the header lines (folding undone). */
  public record Response(int status, String text, List<String> headers) {

    /** Values of a header by its long or compact name, case-insensitive. */
    public List<String> header(String name, String compact) {
      List<String> values = new ArrayList<>();
      for (String line : headers) {
        int colon = line.indexOf(':');
        String field = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        if (field.equals(name.toLowerCase(Locale.ROOT)) || compact != null && field.equals(compact)) {
          values.add(line.substring(colon + 1).trim());
        }
      }
      return values;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private final DatagramSocket socket;
  private final InetSocketAddress gateway;

  public FakeTrunk(String localIp, int gatewayPort) {
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localIp), 0));
      gateway = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), gatewayPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int localPort() {
    return socket.getLocalPort();
  }

  public void send(byte[] datagram) {
    try {
      socket.send(new DatagramPacket(datagram, datagram.length, gateway));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void send(String datagram) {
    send(datagram.getBytes(StandardCharsets.UTF_8));
  }

  /** The next response, or null if none arrives within {@code wait}. */
  public Response receive(Duration wait) {
    byte[] buffer = new byte[65536];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    try {
      socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    return parse(text);
  }

  /** The first final (>= 200) response within {@code wait}, skipping provisional ones; null if none came. */
  public Response receiveFinal(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      Response response = receive(Duration.ofNanos(left));
      if (response == null || response.status() >= 200) {
        return response;
      }
    }
  }

  private static Response parse(String text) {
    String head = text.split("\r\n\r\n", 2)[0];
    String[] lines = head.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = statusLine.length > 1 && statusLine[0].startsWith("SIP/") ? parseStatus(statusLine[1]) : -1;
    List<String> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if ((lines[i].startsWith(" ") || lines[i].startsWith("\t")) && !headers.isEmpty()) {
        headers.set(headers.size() - 1, headers.get(headers.size() - 1) + " " + lines[i].trim());
      } else if (lines[i].contains(":")) {
        headers.add(lines[i]);
      }
    }
    return new Response(status, text, headers);
  }

  private static int parseStatus(String code) {
    try {
      return Integer.parseInt(code);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
