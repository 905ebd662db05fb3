package io.switchboard.server.metrics;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare SIP user agent client over UDP on loopback, enough to send an INVITE, OPTIONS or CANCEL and read the
 * responses (RFC 3261 §8.1): what a trunk does, without a SIP stack of ours on both ends.
 */
final class SipProbe implements AutoCloseable {

  private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ");
  private final DatagramSocket socket;
  private final InetSocketAddress server;

  SipProbe(int serverPort) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
  }

  /** One INVITE transaction (and its dialog's identifiers). */
  final class Invite {
    final String callId = UUID.randomUUID() + "@127.0.0.1";
    final String branch = "z9hG4bK-" + UUID.randomUUID();
    final String fromTag = UUID.randomUUID().toString().substring(0, 8);
    final String dialled;

    Invite(String dialled) {
      this.dialled = dialled;
    }

    void send() throws IOException {
      String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
          + "a=sendrecv\r\n";
      SipProbe.this.send(headers("INVITE", 1, "INVITE", null) + "Contact: <sip:caller@127.0.0.1:" + localPort()
          + ">\r\nContent-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
    }

    /** RFC 3261 §9.1: the same Request-URI, Via branch, Call-ID, From, To and CSeq number as the INVITE. */
    void cancel() throws IOException {
      SipProbe.this.send(headers("CANCEL", 1, "CANCEL", null) + "Content-Length: 0\r\n\r\n");
    }

    /** The ACK to a final error response (RFC 3261 §17.1.1.3): in the INVITE's transaction, with the To tag. */
    void ackError(String response) throws IOException {
      SipProbe.this.send(headers("ACK", 1, "ACK", toTag(response)) + "Content-Length: 0\r\n\r\n");
    }

    private String headers(String method, int cseq, String cseqMethod, String toTag) {
      String uri = "sip:" + dialled + "@127.0.0.1:" + server.getPort();
      return method + " " + uri + " SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort() + ";branch=" + branch + ";rport\r\n"
          + "Max-Forwards: 70\r\n"
          + "From: <sip:+4930123456@127.0.0.1>;tag=" + fromTag + "\r\n"
          + "To: <sip:" + dialled + "@127.0.0.1>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
          + "Call-ID: " + callId + "\r\n"
          + "CSeq: " + cseq + " " + cseqMethod + "\r\n";
    }

    /** The next response of this call with {@code status}, skipping the others. */
    String await(int status, Duration timeout) throws IOException {
      return SipProbe.this.await(callId, status, timeout);
    }
  }

  Invite invite(String dialled) {
    return new Invite(dialled);
  }

  /** OPTIONS outside a dialog; returns its Call-ID. */
  String options() throws IOException {
    String callId = UUID.randomUUID() + "@127.0.0.1";
    send("OPTIONS sip:127.0.0.1:" + server.getPort() + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort() + ";branch=z9hG4bK-" + UUID.randomUUID() + ";rport\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    return callId;
  }

  /** Waits for a response of the call with {@code status}; fails after {@code timeout}. */
  String await(String callId, int status, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] buffer = new byte[65_535];
    while (true) {
      long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
      if (left <= 0) {
        throw new AssertionError("no " + status + " for " + callId + " within " + timeout);
      }
      socket.setSoTimeout((int) left);
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        continue;
      }
      String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
      Matcher m = STATUS.matcher(message);
      if (m.find() && Integer.parseInt(m.group(1)) == status && message.contains(callId)) {
        return message;
      }
    }
  }

  /** The audio port of the SDP in a response. */
  static int audioPort(String response) {
    Matcher m = Pattern.compile("(?m)^m=audio (\\d+) ").matcher(response);
    if (!m.find()) {
      throw new AssertionError("no m=audio in " + response);
    }
    return Integer.parseInt(m.group(1));
  }

  /**
   * Sends {@code count} PCMU packets (sequence numbers 1..count, 20 ms apart in RTP time) to the server's port, of
   * which every tenth (the 10th, 20th, ...) is left out: {@code missing} of them. Sent back to back, so each packet
   * arrives about 20 ms earlier than its RTP timestamp says: an interarrival jitter of close to 20 ms.
   */
  void sendRtp(int port, int count, int missing) throws IOException {
    InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      int left = missing;
      for (int seq = 1; seq <= count; seq++) {
        if (seq % 10 == 0 && left > 0) {
          left--;
          continue;
        }
        byte[] packet = new byte[12 + 160];
        packet[0] = (byte) 0x80;
        packet[1] = 0; // PCMU
        packet[2] = (byte) (seq >> 8);
        packet[3] = (byte) seq;
        long ts = 160L * seq;
        packet[4] = (byte) (ts >> 24);
        packet[5] = (byte) (ts >> 16);
        packet[6] = (byte) (ts >> 8);
        packet[7] = (byte) ts;
        packet[8] = 0x12;
        packet[9] = 0x34;
        packet[10] = 0x56;
        packet[11] = 0x78;
        java.util.Arrays.fill(packet, 12, packet.length, (byte) 0xff); // µ-law silence
        rtp.send(new DatagramPacket(packet, packet.length, to));
      }
    }
  }

  private static String toTag(String response) {
    Matcher m = Pattern.compile("(?im)^To:.*;tag=([^;\\s]+)").matcher(response);
    return m.find() ? m.group(1) : null;
  }

  private int localPort() {
    return socket.getLocalPort();
  }

  private void send(String message) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(bytes, bytes.length, server));
  }

  @Override
  public void close() {
    socket.close();
  }
}
