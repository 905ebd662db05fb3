package io.switchboard.media.impl;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.MediaSink;
import io.switchboard.media.RtpLeg;
import io.switchboard.media.impl.pipeline.DropCounters;
import io.switchboard.media.impl.net.DatagramSender;
import io.switchboard.media.impl.pipeline.DropReason;
import io.switchboard.media.impl.pipeline.PacketKind;
import io.switchboard.media.impl.rtp.ReceptionStats;
import io.switchboard.media.impl.rtp.Rfc4733;
import io.switchboard.media.impl.rtp.RtpHeader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A trunk leg's plain RTP on one port. Receive: RTP check → symmetric-RTP latch → audio to the sink, RFC 4733
 * events to the DTMF listener. Send: our own SSRC / sequence / timestamp, to the latched address (RFC 4961) or,
 * until a packet arrives, to the address from SDP.
 */
final class RtpLegImpl implements RtpLeg {
  private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final Vertx vertx;
  private final Context context;
  private final DatagramSocket socket;
  private final DatagramSender sender;
  /** Scratch for {@link DatagramSender#arrayOf}; media context only. */
  private final int[] window = new int[2];
  /** Reused by every send (sendRtp is synchronized; the sender copies before it returns). */
  private byte[] outgoing = new byte[RtpHeader.FIXED_LENGTH + 320];
  private final String localAddress;
  private final int localPort;
  private final Consumer<RtpLegImpl> onClose;
  private final String id;
  private final DropCounters drops = new DropCounters();
  private final Rfc4733.Receiver dtmfReceiver = new Rfc4733.Receiver();
  /** RFC 3550 loss and jitter of what the carrier sends (G.711 and telephone-event: an 8 kHz clock). */
  private final ReceptionStats reception = new ReceptionStats(8000);
  private final Promise<Void> closed = Promise.promise();
  private final int ssrc = ThreadLocalRandom.current().nextInt();

  private volatile MediaSink sink = MediaSink.DISCARD;
  private volatile DtmfListener dtmfListener = digit -> { };
  private volatile AudioCodec codec;
  private volatile InetSocketAddress signalled;
  private volatile InetSocketAddress latched;
  private volatile boolean isClosed;
  private int sequence = ThreadLocalRandom.current().nextInt(0x10000);
  private long timestamp = ThreadLocalRandom.current().nextLong(0x1_0000_0000L);
  private long rtpReceived;
  private long rtpSent;
  private long dtmfReceived;

  RtpLegImpl(Vertx vertx, Context context, DatagramSocket socket, String localAddress, int localPort,
      Consumer<RtpLegImpl> onClose) {
    this.vertx = vertx;
    this.context = context;
    this.socket = socket;
    this.sender = DatagramSender.of(socket);
    this.localAddress = localAddress;
    this.localPort = localPort;
    this.onClose = onClose;
    StringBuilder b = new StringBuilder("rtp-");
    for (int i = 0; i < 10; i++) {
      b.append(ID_CHARS.charAt(ThreadLocalRandom.current().nextInt(ID_CHARS.length())));
    }
    this.id = b.toString();
    socket.handler(this::onPacket);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public AudioCodec codec() {
    return codec;
  }

  @Override
  public String localAddress() {
    return localAddress;
  }

  @Override
  public int localPort() {
    return localPort;
  }

  @Override
  public void remote(String host, int port, AudioCodec agreed) {
    this.codec = agreed;
    this.signalled = new InetSocketAddress(host, port);
  }

  @Override
  public void sink(MediaSink newSink) {
    sink = newSink == null ? MediaSink.DISCARD : newSink;
  }

  @Override
  public void onDtmf(DtmfListener listener) {
    dtmfListener = listener == null ? digit -> { } : listener;
  }

  @Override
  public void onMediaContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private void onPacket(DatagramPacket packet) {
    if (isClosed) {
      return;
    }
    // The datagram's heap buffer is ours (Vert.x copied it out of Netty's): read it in place.
    byte[] b = DatagramSender.arrayOf(packet.data(), window);
    int off = window[0];
    int len = window[1];
    if (PacketKind.of(b, off, len) != PacketKind.RTP) {
      // RTCP (not muxed by most carriers, but some do) and anything else: not needed for a relay.
      drops.drop(DropReason.UNKNOWN_KIND);
      return;
    }
    int payloadLength = RtpHeader.payloadLength(b, off, len);
    AudioCodec c = codec;
    if (payloadLength < 0 || c == null) {
      drops.drop(payloadLength < 0 ? DropReason.RTP_MALFORMED : DropReason.NOT_CONNECTED);
      return;
    }
    if (latched == null && packet.sender().port() > 0) {
      // RFC 4961 symmetric RTP: answer where the media really comes from (NATs rewrite the SDP's address). A
      // source port 0 (a spoofed or replayed packet) cannot be answered: keep sending where the SDP said.
      latched = new InetSocketAddress(packet.sender().hostAddress(), packet.sender().port());
    }
    int payloadType = RtpHeader.payloadType(b, off);
    if (payloadType == c.payloadType() || payloadType == c.dtmfPayloadType()) {
      reception.onPacket(RtpHeader.sequence(b, off), RtpHeader.timestamp(b, off), System.nanoTime(),
          payloadType == c.payloadType());
    }
    if (payloadType == c.payloadType()) {
      rtpReceived++;
      try {
        sink.onRtp(this, b, off, len);
      } catch (RuntimeException e) {
        // A sink must not throw; the packet is lost, not the leg.
      }
    } else if (payloadType == c.dtmfPayloadType()) {
      int headerLength = RtpHeader.headerLength(b, off, len);
      char digit = dtmfReceiver.onPacket(b, off + headerLength, payloadLength, RtpHeader.timestamp(b, off));
      if (digit != 0) {
        dtmfReceived++;
        dtmfListener.onDigit(digit);
      }
      try {
        sink.onRtp(this, b, off, len);
      } catch (RuntimeException e) {
        // As above.
      }
    } else {
      drops.drop(DropReason.RTP_MALFORMED);
    }
  }

  @Override
  public synchronized void sendRtp(int payloadType, boolean marker, int timestampAdvance, byte[] payload,
      int offset, int length) {
    InetSocketAddress to = latched != null ? latched : signalled;
    if (isClosed || to == null) {
      drops.drop(DropReason.NOT_CONNECTED);
      return;
    }
    sequence = (sequence + 1) & 0xffff;
    timestamp = (timestamp + (timestampAdvance & 0xffffffffL)) & 0xffffffffL;
    int size = RtpHeader.FIXED_LENGTH + length;
    if (outgoing.length < size) {
      outgoing = new byte[size];
    }
    RtpHeader.write(outgoing, 0, marker, payloadType, sequence, timestamp, ssrc);
    System.arraycopy(payload, offset, outgoing, RtpHeader.FIXED_LENGTH, length);
    rtpSent++;
    sender.send(outgoing, 0, size, to);
  }

  @Override
  public void sendDtmf(char digit) {
    AudioCodec c = codec;
    int event = Rfc4733.eventOf(digit);
    if (c == null || c.dtmfPayloadType() < 0 || event < 0) {
      return;
    }
    // RFC 4733 §2.5: one event, same timestamp, growing duration; the end packet sent three times.
    onMediaContext(() -> {
      int[] durations = {160, 320, 480, 640, 800};
      sendDtmfPacket(c, event, false, durations[0], true, 160);
      for (int i = 1; i < durations.length; i++) {
        int d = durations[i];
        boolean end = i == durations.length - 1;
        vertx.setTimer(20L * i, t -> {
          sendDtmfPacket(c, event, end, d, false, 0);
          if (end) {
            sendDtmfPacket(c, event, true, d, false, 0);
            sendDtmfPacket(c, event, true, d, false, 0);
          }
        });
      }
    });
  }

  private void sendDtmfPacket(AudioCodec c, int event, boolean end, int duration, boolean marker, int advance) {
    byte[] payload = Rfc4733.payload(event, end, duration);
    sendRtp(c.dtmfPayloadType(), marker, advance, payload, 0, payload.length);
  }

  /** Receiver statistics, read by the port pool for {@link io.switchboard.media.RtpPorts#reception()}. */
  ReceptionStats reception() {
    return reception;
  }

  @Override
  public JsonObject debugState() {
    InetSocketAddress to = latched != null ? latched : signalled;
    return new JsonObject()
        .put("id", id)
        .put("localPort", localPort)
        .put("remote", to == null ? null : to.getAddress().getHostAddress() + ":" + to.getPort())
        .put("latched", latched != null)
        .put("codec", codec == null ? null : codec.name())
        .put("rtpReceived", rtpReceived)
        .put("rtpSent", rtpSent)
        .put("dtmfReceived", dtmfReceived)
        .put("expected", reception.expected())
        .put("lost", reception.lost())
        .put("jitterMillis", reception.jitterMillis())
        .put("drops", drops.toJson());
  }

  @Override
  public Future<Void> close() {
    if (!isClosed) {
      isClosed = true;
      sink = MediaSink.DISCARD;
      socket.close().onComplete(ar -> {
        onClose.accept(this);
        closed.tryComplete();
      });
    }
    return closed.future();
  }
}
