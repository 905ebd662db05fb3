package io.switchboard.bench;

import io.switchboard.media.codec.G711;
import io.switchboard.media.impl.rtp.RtpHeader;
import io.switchboard.media.testpeer.PeerLoop;
import io.switchboard.media.testpeer.RtpReception;
import io.switchboard.media.testpeer.SendTimeMarker;
import io.switchboard.media.testpeer.ToneGenerator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The carrier's media for a step: one RTP socket per call on 127.0.0.1 (SIPp puts its port in the INVITE's SDP)
 * on the fleet's {@link PeerLoop}. SIPp 3.6's own RTP only sends, never reads; this side does both, so loss, jitter
 * and one-way delay are measured in the agent → caller direction too. A call's socket learns where the server
 * sends from with the first packet it gets (the early-media ringback; symmetric RTP, RFC 4961) and from then on
 * sends 1 kHz PCMU every 20 ms with a {@link SendTimeMarker} while the server has not been silent for a second
 * (the call ended, or a gap between the ringback and the agent's audio).
 */
final class CarrierMedia implements AutoCloseable {
  private static final int SAMPLES = 160;
  private static final long SILENCE_MICROS = 1_000_000;

  private final PeerLoop loop;
  private final List<Call> calls = new ArrayList<>();

  private CarrierMedia(PeerLoop loop) {
    this.loop = loop;
  }

  /** Opens {@code count} call sockets. */
  static CarrierMedia open(PeerLoop loop, int count) {
    CarrierMedia media = new CarrierMedia(loop);
    for (int i = 0; i < count; i++) {
      media.calls.add(media.new Call());
    }
    return media;
  }

  /** The RTP port of each call, in the order SIPp places them. */
  List<Integer> ports() {
    return calls.stream().map(c -> c.port).toList();
  }

  /** What the calls received: the agents' audio as the server forwarded it. */
  List<RtpReception.Summary> receptions() {
    return calls.stream().map(c -> c.reception.summary()).toList();
  }

  void resetDelays() {
    calls.forEach(c -> c.reception.resetDelays());
  }

  long rtpReceived() {
    long total = 0;
    for (Call c : calls) {
      total += c.received;
    }
    return total;
  }

  long rtpSent() {
    long total = 0;
    for (Call c : calls) {
      total += c.sent;
    }
    return total;
  }

  @Override
  public void close() {
    calls.forEach(Call::close);
  }

  private final class Call {
    final DatagramChannel channel;
    final int port;
    final RtpReception reception = new RtpReception();
    final ToneGenerator tone = new ToneGenerator(BenchAgent.CALLER_TONE_HZ, 8000);
    final short[] pcm = new short[SAMPLES];
    final ByteBuffer out = ByteBuffer.allocate(RtpHeader.FIXED_LENGTH + SAMPLES);
    final int ssrc = ThreadLocalRandom.current().nextInt();
    volatile SocketAddress server;
    volatile long lastHeardMicros;
    volatile long received;
    volatile long sent;
    ScheduledFuture<?> sending;
    int sequence = ThreadLocalRandom.current().nextInt(0x10000);
    long timestamp = ThreadLocalRandom.current().nextLong(0x1_0000_0000L);

    Call() {
      channel = loop.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1 << 18, this::onDatagram);
      try {
        port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** On the loop's selector thread. */
    private void onDatagram(byte[] data, int length, SocketAddress from) {
      long now = SendTimeMarker.nowMicros();
      if (length < RtpHeader.FIXED_LENGTH || (data[0] & 0xc0) != 0x80) {
        return;
      }
      received++;
      lastHeardMicros = now;
      reception.onPacket(data, 0, length, now);
      if (server == null) {
        server = from;
        sending = loop.timers().scheduleAtFixedRate(this::sendTone, 0, 20, TimeUnit.MILLISECONDS);
      }
    }

    private void sendTone() {
      // Quiet while the server is (the call ended, or the gap between ringback and the agent's first packet).
      if (SendTimeMarker.nowMicros() - lastHeardMicros > SILENCE_MICROS) {
        return;
      }
      tone.next(pcm);
      byte[] b = out.array();
      sequence = (sequence + 1) & 0xffff;
      timestamp = (timestamp + SAMPLES) & 0xffffffffL;
      RtpHeader.write(b, 0, false, 0, sequence, timestamp, ssrc);
      for (int i = 0; i < SAMPLES; i++) {
        b[RtpHeader.FIXED_LENGTH + i] = G711.linearToUlaw(pcm[i]);
      }
      SendTimeMarker.write(b, RtpHeader.FIXED_LENGTH, SendTimeMarker.nowMicros(), (int) sent);
      out.clear();
      try {
        channel.send(out, server);
        sent++;
      } catch (IOException e) {
        // UDP: a failed send is a lost packet.
      }
    }

    void close() {
      if (sending != null) {
        sending.cancel(false);
      }
      loop.close(channel);
    }
  }
}
