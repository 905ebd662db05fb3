package io.switchboard.media.prompt;

import io.switchboard.media.codec.G711;
import io.switchboard.media.impl.rtp.RtpHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A carrier's RTP receiver that keeps every packet it gets (header fields, arrival time, decoded audio), for
 * checking a whole prompt end to end. {@code RtpTestPeer} keeps only the last 200 ms.
 */
final class CapturingRtpPeer implements AutoCloseable {
  /** One received packet. */
  record Packet(int payloadType, boolean marker, int sequence, long timestamp, long arrivalNanos, short[] audio) {
  }

  private final DatagramSocket socket;
  private final Thread receiver;
  private final List<Packet> packets = new ArrayList<>();
  private volatile boolean closed;

  private CapturingRtpPeer(DatagramSocket socket) {
    this.socket = socket;
    this.receiver = new Thread(this::receive, "capturing-rtp-peer");
    receiver.setDaemon(true);
    receiver.start();
  }

  static CapturingRtpPeer create() {
    try {
      DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      socket.setSoTimeout(100);
      return new CapturingRtpPeer(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  synchronized int count() {
    return packets.size();
  }

  synchronized List<Packet> packets() {
    return List.copyOf(packets);
  }

  /** Every packet's audio, in arrival order, joined. */
  synchronized short[] audio() {
    short[] all = new short[packets.stream().mapToInt(p -> p.audio().length).sum()];
    int at = 0;
    for (Packet p : packets) {
      System.arraycopy(p.audio(), 0, all, at, p.audio().length);
      at += p.audio().length;
    }
    return all;
  }

  private void receive() {
    byte[] buffer = new byte[2048];
    DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
    while (!closed) {
      try {
        datagram.setLength(buffer.length);
        socket.receive(datagram);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        return;
      }
      long now = System.nanoTime();
      int length = datagram.getLength();
      int header = RtpHeader.headerLength(buffer, 0, length);
      if (header < 0) {
        continue;
      }
      int pt = RtpHeader.payloadType(buffer, 0);
      short[] audio = new short[RtpHeader.payloadLength(buffer, 0, length)];
      for (int i = 0; i < audio.length; i++) {
        byte b = buffer[header + i];
        audio[i] = pt == 0 ? G711.ulawToLinear(b) : G711.alawToLinear(b);
      }
      Packet packet = new Packet(pt, RtpHeader.marker(buffer, 0), RtpHeader.sequence(buffer, 0),
          RtpHeader.timestamp(buffer, 0), now, audio);
      synchronized (this) {
        packets.add(packet);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    socket.close();
  }

  @Override
  public String toString() {
    return "CapturingRtpPeer" + Arrays.asList(port(), count());
  }
}
