package io.switchboard.media.testpeer;

import io.switchboard.media.SdpException;
import io.switchboard.media.codec.G711;
import io.switchboard.media.impl.dtls.DtlsIdentity;
import io.switchboard.media.impl.dtls.DtlsRole;
import io.switchboard.media.impl.dtls.DtlsSession;
import io.switchboard.media.impl.dtls.Fingerprint;
import io.switchboard.media.impl.ice.IceCredentials;
import io.switchboard.media.impl.ice.StunIntegrity;
import io.switchboard.media.impl.pipeline.Packet;
import io.switchboard.media.impl.pipeline.PacketKind;
import io.switchboard.media.impl.rtp.RtpHeader;
import io.switchboard.media.impl.sdp.PeerDescription;
import io.switchboard.media.impl.srtp.SrtpStreams;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.stack.TransactionID;

/**
 * A WebRTC peer in plain Java for tests and load: a full, controlling ICE agent with one host candidate, a DTLS
 * client, SRTP, and G.711 audio. It sends a tone and measures which tone it hears. It is what a browser does in
 * the echo test, without a browser, and the synthetic agent of the load harness.
 *
 * <p>A peer owns its UDP socket but no thread: reading, timers and DTLS run on a {@link PeerLoop} shared with other
 * peers ({@link PeerLoop#shared()} unless given one), so a thousand peers need a handful of threads.
 */
public final class WebRtcTestPeer implements AutoCloseable {
  private static final int SAMPLES_PER_PACKET = 160;

  private final PeerLoop loop;
  private final DatagramChannel channel;
  private final InetSocketAddress localAddress;
  private final DtlsIdentity identity;
  private final IceCredentials local = IceCredentials.random();
  private final int ssrc = ThreadLocalRandom.current().nextInt();
  private final long tieBreaker = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
  private final CompletableFuture<Void> iceDone = new CompletableFuture<>();
  private final CompletableFuture<Void> connected = new CompletableFuture<>();
  private final HeardAudio heard = new HeardAudio();
  private final RtpReception reception = new RtpReception();
  private boolean markSendTimes;
  private Fingerprint advertisedFingerprint;
  private String offeredSetup = "actpass";

  private volatile PeerDescription remote;
  private volatile InetSocketAddress remoteAddress;
  private volatile DtlsSession dtls;
  private volatile SrtpStreams srtp;
  private volatile boolean closed;
  private volatile boolean consentStopped;
  private volatile ScheduledFuture<?> checks;
  private ScheduledFuture<?> tone;
  private int sequence = ThreadLocalRandom.current().nextInt(0x10000);
  private long timestamp = ThreadLocalRandom.current().nextLong(0x1_0000_0000L);
  private volatile long rtpReceived;
  private volatile long rtpSent;

  private WebRtcTestPeer(PeerLoop loop) {
    this.loop = loop;
    this.identity = DtlsIdentity.generate("test-peer");
    this.advertisedFingerprint = identity.fingerprint();
    this.channel = loop.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0, this::onDatagram);
    try {
      this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      loop.close(channel);
      throw new IllegalStateException("test peer socket has no address", e);
    }
  }

  /** A peer on a fresh UDP port of 127.0.0.1, on the shared loop. */
  public static WebRtcTestPeer create() {
    return new WebRtcTestPeer(PeerLoop.shared());
  }

  /** A peer on a fresh UDP port of 127.0.0.1 whose reading, timers and DTLS run on {@code loop}. */
  public static WebRtcTestPeer create(PeerLoop loop) {
    return new WebRtcTestPeer(loop);
  }

  /**
   * Stamps every tone packet with its send time ({@link SendTimeMarker}), so a receiver in this JVM can measure
   * the one-way delay.
   */
  public WebRtcTestPeer markingSendTimes() {
    markSendTimes = true;
    return this;
  }

  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** Advertise a fingerprint that is not our certificate's: the other side must refuse the DTLS handshake. */
  public WebRtcTestPeer advertisingWrongFingerprint() {
    byte[] wrong = identity.fingerprint().digest();
    wrong[0] ^= 0x5a;
    advertisedFingerprint = new Fingerprint("sha-256", wrong);
    return this;
  }

  /** Offer a=setup:passive (we take the DTLS server role; the answerer must be the client). */
  public WebRtcTestPeer offeringPassiveSetup() {
    offeredSetup = "passive";
    return this;
  }

  /** An SDP offer like a browser's for one audio stream: DTLS actpass, ICE, rtcp-mux, PCMU/PCMA, DTMF. */
  public String createOffer() {
    String nl = "\r\n";
    return "v=0" + nl
        + "o=- " + (ssrc & 0x7fffffff) + " 2 IN IP4 127.0.0.1" + nl
        + "s=-" + nl
        + "t=0 0" + nl
        + "a=group:BUNDLE 0" + nl
        + "m=audio 9 UDP/TLS/RTP/SAVPF 0 8 101" + nl
        + "c=IN IP4 0.0.0.0" + nl
        + "a=mid:0" + nl
        + "a=ice-ufrag:" + local.ufrag() + nl
        + "a=ice-pwd:" + local.pwd() + nl
        + "a=fingerprint:" + advertisedFingerprint + nl
        + "a=setup:" + offeredSetup + nl
        + "a=sendrecv" + nl
        + "a=rtcp-mux" + nl
        + "a=rtpmap:0 PCMU/8000" + nl
        + "a=rtpmap:8 PCMA/8000" + nl
        + "a=rtpmap:101 telephone-event/8000" + nl
        + "a=fmtp:101 0-15" + nl
        + "a=ssrc:" + (ssrc & 0xffffffffL) + " cname:test-peer" + nl;
  }

  /**
   * Takes the answer and connects: ICE checks (nominating at once, as a controlling agent with one pair), then
   * DTLS as client or server as the answer says, then SRTP. The future completes when media can flow.
   */
  public CompletableFuture<Void> connect(String answerSdp) {
    PeerDescription answer;
    try {
      answer = PeerDescription.parse(answerSdp);
    } catch (SdpException e) {
      return CompletableFuture.failedFuture(e);
    }
    remote = answer;
    String[] candidate = answer.candidates().get(0).split(" ");
    remoteAddress = new InetSocketAddress(candidate[4], Integer.parseInt(candidate[5]));
    PeerCredentials.register(local.ufrag(), local.pwd(), answer.icePwd());
    checks = loop.timers().scheduleAtFixedRate(this::sendCheck, 0, 50, TimeUnit.MILLISECONDS);
    iceDone.thenRun(() -> {
      checks.cancel(false);
      // RFC 7675: keep consent alive while the session lasts.
      checks = loop.timers().scheduleAtFixedRate(() -> {
        if (!consentStopped) {
          sendCheck();
        }
      }, 1000, 1000, TimeUnit.MILLISECONDS);
      startDtls(answer.setup().equals("passive") ? DtlsRole.CLIENT : DtlsRole.SERVER);
    });
    return connected;
  }

  private void startDtls(DtlsRole role) {
    DtlsSession session = new DtlsSession(role, identity, remote.fingerprint(), Duration.ofSeconds(10),
        loop.dtlsWorkers(), record -> send(record, 0, record.length), () -> { });
    dtls = session;
    session.start().whenComplete((keys, error) -> {
      if (error != null) {
        connected.completeExceptionally(new IOException(
            session.failure() != null ? session.failure() : error.getMessage(), error));
      } else {
        srtp = new SrtpStreams(keys);
        connected.complete(null);
      }
    });
  }

  private void sendCheck() {
    try {
      byte[] bytes = encodedCheck(true);
      send(bytes, 0, bytes.length);
    } catch (Exception e) {
      // The next timer tick tries again.
    }
  }

  /**
   * A connectivity check of this peer, signed for the session it offered to: what a browser sends from each of
   * its candidates. Tests send it from other sockets (a browser's second address).
   */
  public byte[] encodedCheck(boolean useCandidate) throws Exception {
    Request request = MessageFactory.createBindingRequest();
    request.setTransactionID(TransactionID.createNewTransactionID().getBytes());
    // RFC 8445 §7.2.2: USERNAME is "<receiver ufrag>:<sender ufrag>"; integrity keyed with the receiver's pwd.
    String username = remote.iceUfrag() + ":" + local.ufrag();
    request.putAttribute(AttributeFactory.createUsernameAttribute(username));
    request.putAttribute(AttributeFactory.createPriorityAttribute(2130706431L));
    request.putAttribute(AttributeFactory.createIceControllingAttribute(tieBreaker));
    if (useCandidate) {
      request.putAttribute(AttributeFactory.createUseCandidateAttribute());
    }
    request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
    request.putAttribute(AttributeFactory.createFingerprintAttribute());
    return request.encode(PeerCredentials.stunStack());
  }

  /**
   * Answers the other side's connectivity check, as a full ICE agent must (RFC 8445 §7.3): a peer that is not
   * ICE-lite (rtpengine, a browser) validates the pair with its own checks. Signed with our password (§7.2.2).
   */
  private void answerCheck(byte[] bytes, int length, SocketAddress from) {
    if (!StunIntegrity.verify(bytes, length, local.pwd()) || !(from instanceof InetSocketAddress address)) {
      return;
    }
    try {
      Request request = (Request) Message.decode(bytes, 0, length);
      UsernameAttribute username = (UsernameAttribute) request.getAttribute(Attribute.USERNAME);
      if (username == null) {
        return;
      }
      Response response = MessageFactory.createBindingResponse(request,
          new TransportAddress(address, Transport.UDP));
      response.setTransactionID(request.getTransactionID());
      response.putAttribute(AttributeFactory.createMessageIntegrityAttribute(
          new String(username.getUsername(), StandardCharsets.UTF_8)));
      response.putAttribute(AttributeFactory.createFingerprintAttribute());
      byte[] out = response.encode(PeerCredentials.stunStack());
      channel.send(ByteBuffer.wrap(out), address);
    } catch (Exception e) {
      // A check we cannot answer is retried by the other side.
    }
  }

  /** Stops the consent checks, as a browser tab that went away. */
  public void stopConsent() {
    consentStopped = true;
  }

  /** Sends a continuous tone in 20 ms packets with the codec the answer chose. */
  public synchronized void startTone(double frequency) {
    stopTone();
    ToneGenerator generator = new ToneGenerator(frequency, 8000);
    short[] pcm = new short[SAMPLES_PER_PACKET];
    byte[] payload = new byte[SAMPLES_PER_PACKET];
    int payloadType = remote.codecs().get(0).payloadType();
    boolean ulaw = remote.codecs().get(0).name().equals("PCMU");
    Packet packet = Packet.allocate();
    tone = loop.timers().scheduleAtFixedRate(() -> {
      generator.next(pcm);
      for (int i = 0; i < pcm.length; i++) {
        payload[i] = ulaw ? G711.linearToUlaw(pcm[i]) : G711.linearToAlaw(pcm[i]);
      }
      if (markSendTimes) {
        SendTimeMarker.write(payload, 0, SendTimeMarker.nowMicros(), sequence + 1);
      }
      sendRtp(packet.clear(), payloadType, payload);
    }, 0, 20, TimeUnit.MILLISECONDS);
  }

  public synchronized void stopTone() {
    if (tone != null) {
      tone.cancel(false);
    }
  }

  private void sendRtp(Packet packet, int payloadType, byte[] payload) {
    SrtpStreams s = srtp;
    if (s == null || closed) {
      return;
    }
    sequence = (sequence + 1) & 0xffff;
    timestamp = (timestamp + SAMPLES_PER_PACKET) & 0xffffffffL;
    RtpHeader.write(packet.getBuffer(), 0, false, payloadType, sequence, timestamp, ssrc);
    System.arraycopy(payload, 0, packet.getBuffer(), RtpHeader.FIXED_LENGTH, payload.length);
    packet.setLength(RtpHeader.FIXED_LENGTH + payload.length);
    if (s.protectRtp(packet) == null) {
      rtpSent++;
      send(packet.getBuffer(), packet.getOffset(), packet.getLength());
    }
  }

  private void send(byte[] bytes, int offset, int length) {
    InetSocketAddress to = remoteAddress;
    if (to == null || closed) {
      return;
    }
    try {
      channel.send(ByteBuffer.wrap(bytes, offset, length), to);
    } catch (IOException e) {
      // UDP: a lost send is a lost packet.
    }
  }

  /** On the loop's selector thread; {@code data} is reused after we return. */
  private void onDatagram(byte[] data, int length, SocketAddress from) {
    if (closed) {
      return;
    }
    switch (PacketKind.of(data, 0, length)) {
      case STUN -> onStun(data, length, from);
      case DTLS -> {
        DtlsSession d = dtls;
        if (d != null) {
          d.receive(Arrays.copyOf(data, length));
        }
      }
      case RTP -> onRtp(data, length);
      default -> { }
    }
  }

  private void onStun(byte[] bytes, int length, SocketAddress from) {
    if (bytes[0] == 0x00 && bytes[1] == 0x01) {
      answerCheck(bytes, length, from);
      return;
    }
    // A Binding success response signed with the answerer's password completes our one check.
    boolean success = bytes[0] == 0x01 && bytes[1] == 0x01;
    if (success && remote != null && StunIntegrity.verify(bytes, length, remote.icePwd())) {
      iceDone.complete(null);
    }
  }

  private void onRtp(byte[] bytes, int length) {
    long arrivalMicros = SendTimeMarker.nowMicros();
    SrtpStreams s = srtp;
    if (s == null) {
      return;
    }
    // Decrypted in place in the loop's buffer: nothing here outlives the call.
    Packet packet = Packet.wrap(bytes, 0, length);
    if (s.unprotectRtp(packet) != null) {
      return;
    }
    byte[] b = packet.getBuffer();
    int headerLength = RtpHeader.headerLength(b, 0, packet.getLength());
    int payloadLength = RtpHeader.payloadLength(b, 0, packet.getLength());
    if (headerLength < 0 || payloadLength < 0) {
      return;
    }
    int payloadType = RtpHeader.payloadType(b, 0);
    boolean ulaw = payloadType == 0;
    if (payloadType != 0 && payloadType != 8) {
      return;
    }
    rtpReceived++;
    reception.onPacket(b, 0, packet.getLength(), arrivalMicros);
    // A send-time marker decodes to near silence; it stays in, as skipping it would break the tone's phase.
    heard.add(b, headerLength, payloadLength, ulaw);
  }

  /** Relative power of {@code frequency} in the last 200 ms heard (0..1). */
  public double toneLevel(double frequency) {
    return heard.toneLevel(frequency);
  }

  /** Completes when {@code frequency} dominates what we hear; fails after {@code timeout}. */
  public CompletableFuture<Double> awaitTone(double frequency, double threshold, Duration timeout) {
    return heard.awaitTone(frequency, threshold, timeout, loop.timers(), () -> "packets received " + rtpReceived);
  }

  public long rtpReceived() {
    return rtpReceived;
  }

  public long rtpSent() {
    return rtpSent;
  }

  /** Loss, jitter and (for marked packets) one-way delay of what we received. */
  public RtpReception reception() {
    return reception;
  }

  /** Whether our ICE check was answered. */
  public CompletableFuture<Void> iceCompleted() {
    return iceDone;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (checks != null) {
      checks.cancel(false);
    }
    stopTone();
    DtlsSession d = dtls;
    if (d != null) {
      d.close();
    }
    loop.close(channel);
    PeerCredentials.unregister(local.ufrag());
  }
}
