package io.switchboard.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client of rtpengine's ng control protocol: each request is {@code <cookie> <bencoded dictionary>} in one UDP
 * datagram, the reply carries the same cookie. Synchronous, one request at a time, retried on timeout.
 */
final class RtpEngineControl implements AutoCloseable {
  private final DatagramSocket socket;
  private final InetSocketAddress engine;

  RtpEngineControl(InetSocketAddress engine) throws IOException {
    this.engine = engine;
    this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    socket.setSoTimeout(2000);
    socket.setReceiveBufferSize(1 << 20);
  }

  /** Sends {@code command} and returns the reply; fails when rtpengine reports an error. */
  @SuppressWarnings("unchecked")
  Map<String, Object> call(Map<String, Object> command) throws IOException {
    String cookie = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    byte[] body = Bencode.encode(command);
    byte[] request = new byte[cookie.length() + 1 + body.length];
    System.arraycopy(cookie.getBytes(StandardCharsets.US_ASCII), 0, request, 0, cookie.length());
    request[cookie.length()] = ' ';
    System.arraycopy(body, 0, request, cookie.length() + 1, body.length);
    byte[] buffer = new byte[65536];
    for (int attempt = 0; attempt < 3; attempt++) {
      socket.send(new DatagramPacket(request, request.length, engine));
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < deadline) {
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(reply);
        } catch (SocketTimeoutException e) {
          break;
        }
        String text = new String(buffer, 0, reply.getLength(), StandardCharsets.US_ASCII);
        int space = text.indexOf(' ');
        if (space < 0 || !text.substring(0, space).equals(cookie)) {
          continue;
        }
        Map<String, Object> result = (Map<String, Object>) Bencode.decode(
            Arrays.copyOfRange(buffer, 0, reply.getLength()), space + 1);
        if (!"ok".equals(result.get("result")) && !"pong".equals(result.get("result"))) {
          throw new IOException("rtpengine refused " + command.get("command") + ": " + result);
        }
        return result;
      }
    }
    throw new IOException("rtpengine did not answer " + command.get("command"));
  }

  @Override
  public void close() {
    socket.close();
  }
}
