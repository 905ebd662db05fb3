package io.switchboard.media.testpeer;

import io.switchboard.media.codec.G711;
import io.switchboard.media.impl.rtp.Rfc4733;
import io.switchboard.media.impl.rtp.RtpHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A plain RTP peer (a carrier's media) for tests: sends a G.711 tone or DTMF, detects which tone it hears. */
public final class RtpTestPeer implements AutoCloseable {

  private final DatagramSocket socket;
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rtp-test-peer");
    t.setDaemon(true);
    return t;
  });
  private final Thread receiver;
  private final HeardAudio heard = new HeardAudio();
  private final int ssrc = ThreadLocalRandom.current().nextInt();
  private final int payloadType;
  private final boolean ulaw;
  private volatile InetSocketAddress remote;
  private volatile boolean closed;
  private volatile long received;
  private int sequence;
  private long timestamp;
  private ScheduledFuture<?> tone;

  private RtpTestPeer(DatagramSocket socket, boolean ulaw) {
    this.socket = socket;
    this.ulaw = ulaw;
    this.payloadType = ulaw ? 0 : 8;
    this.receiver = new Thread(this::receive, "rtp-test-peer-rx");
    receiver.setDaemon(true);
    receiver.start();
  }

  /** A peer on a free port of 127.0.0.1 speaking PCMU ({@code ulaw}) or PCMA. */
  public static RtpTestPeer create(boolean ulaw) {
    try {
      DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      socket.setSoTimeout(100);
      return new RtpTestPeer(socket, ulaw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return socket.getLocalPort();
  }

  public void sendTo(String host, int port) {
    remote = new InetSocketAddress(host, port);
  }

  public void startTone(double frequency) {
    ToneGenerator generator = new ToneGenerator(frequency, 8000);
    short[] pcm = new short[160];
    byte[] payload = new byte[160];
    tone = timers.scheduleAtFixedRate(() -> {
      generator.next(pcm);
      for (int i = 0; i < 160; i++) {
        payload[i] = ulaw ? G711.linearToUlaw(pcm[i]) : G711.linearToAlaw(pcm[i]);
      }
      send(payloadType, false, 160, payload);
    }, 0, 20, TimeUnit.MILLISECONDS);
  }

  /** Sends one RFC 4733 event for {@code digit} on payload type {@code dtmfPayloadType} (with end packets). */
  public void sendDtmf(char digit, int dtmfPayloadType) {
    timers.execute(() -> {
      int event = Rfc4733.eventOf(digit);
      send(dtmfPayloadType, true, 160, Rfc4733.payload(event, false, 160));
      send(dtmfPayloadType, false, 0, Rfc4733.payload(event, false, 320));
      for (int i = 0; i < 3; i++) {
        send(dtmfPayloadType, false, 0, Rfc4733.payload(event, true, 480));
      }
    });
  }

  private synchronized void send(int pt, boolean marker, int advance, byte[] payload) {
    InetSocketAddress to = remote;
    if (to == null || closed) {
      return;
    }
    sequence = (sequence + 1) & 0xffff;
    timestamp += advance;
    byte[] packet = new byte[12 + payload.length];
    RtpHeader.write(packet, 0, marker, pt, sequence, timestamp, ssrc);
    System.arraycopy(payload, 0, packet, 12, payload.length);
    try {
      socket.send(new DatagramPacket(packet, packet.length, to));
    } catch (IOException e) {
      // A lost packet.
    }
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
      int length = datagram.getLength();
      int header = RtpHeader.headerLength(buffer, 0, length);
      int payload = RtpHeader.payloadLength(buffer, 0, length);
      int pt = header < 0 ? -1 : RtpHeader.payloadType(buffer, 0);
      if (pt != 0 && pt != 8) {
        continue;
      }
      received++;
      heard.add(buffer, header, payload, pt == 0);
    }
  }

  public double toneLevel(double frequency) {
    return heard.toneLevel(frequency);
  }

  public long received() {
    return received;
  }

  public CompletableFuture<Double> awaitTone(double frequency, double threshold, Duration timeout) {
    return heard.awaitTone(frequency, threshold, timeout, timers, () -> "packets received " + received);
  }

  @Override
  public void close() {
    closed = true;
    if (tone != null) {
      tone.cancel(false);
    }
    timers.shutdownNow();
    socket.close();
  }
}
