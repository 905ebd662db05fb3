package io.switchboard.media.impl;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.CloseReason;
import io.switchboard.media.MediaSink;
import io.switchboard.media.WebRtcSession;
import io.switchboard.media.impl.dtls.DtlsRole;
import io.switchboard.media.impl.dtls.DtlsSession;
import io.switchboard.media.impl.dtls.SrtpKeyingMaterial;
import io.switchboard.media.impl.ice.IceCredentials;
import io.switchboard.media.impl.pipeline.DropCounters;
import io.switchboard.media.impl.pipeline.DropReason;
import io.switchboard.media.impl.pipeline.Packet;
import io.switchboard.media.impl.rtp.RtpHeader;
import io.switchboard.media.impl.sdp.PeerDescription;
import io.switchboard.media.impl.srtp.SrtpStreams;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One browser media session. Everything here runs on its media context, the event loop of the endpoint's socket
 * that owns it ({@link #claim}), except the DTLS handshake, which runs on the endpoint's DTLS workers and comes back
 * with {@code runOnContext}, and {@link #sendRtp}, which any thread may call.
 *
 * <p>Receive path: RFC 7983 demux (endpoint) → address check → SRTP unprotect → RTP check → sink.
 * Send path: stream rewrite (our SSRC, sequence, timestamp) → SRTP protect → socket.
 */
final class WebRtcSessionImpl implements WebRtcSession {
  private static final Logger LOG = Logger.getLogger(WebRtcSessionImpl.class.getName());
  /** Addresses a session accepts checks from; a browser has a few candidates, not hundreds. */
  private static final int MAX_VALIDATED_ADDRESSES = 8;

  enum State { NEW, CHECKING, CONNECTING, CONNECTED, CLOSED }

  private final WebRtcEndpointImpl endpoint;
  private final IceCredentials local;
  private final PeerDescription remote;
  private final AudioCodec codec;
  private final DtlsRole role;
  private final String answerSdp;
  private volatile MediaSink sink;
  private final long createdNanos = System.nanoTime();
  private final Promise<Void> connected = Promise.promise();
  private final Promise<CloseReason> closed = Promise.promise();
  private final DropCounters drops = new DropCounters();
  private final Set<InetSocketAddress> validated = new HashSet<>();
  /** The endpoint socket whose loop runs this session; set once, by the first that needs it. */
  private final AtomicReference<WebRtcEndpointImpl.PortSocket> owner = new AtomicReference<>();

  // Our one continuous outgoing stream (design.md: the server owns SSRC, sequence and timestamps).
  private final int ssrc;
  /** Reused by every send: sendRtp is synchronized and the sender copies the bytes before it returns. */
  private final Packet outgoing = Packet.allocate();
  private int sequence = ThreadLocalRandom.current().nextInt(0x10000);
  private long timestamp = ThreadLocalRandom.current().nextLong(0x1_0000_0000L);

  private volatile State state = State.NEW;
  /** Read by {@link #sendRtp} on other threads. */
  private volatile InetSocketAddress selected;
  private long lastConsentNanos;
  private DtlsSession dtls;
  private SrtpStreams srtp;
  private String failure;
  private CloseReason closeReason;
  private long rtpReceived;
  private long rtpSent;
  private long rtcpReceived;
  private long bytesReceived;
  private long bytesSent;

  WebRtcSessionImpl(WebRtcEndpointImpl endpoint, IceCredentials local, PeerDescription remote, AudioCodec codec,
      DtlsRole role, int ssrc, String answerSdp, MediaSink sink) {
    this.endpoint = endpoint;
    this.local = local;
    this.remote = remote;
    this.codec = codec;
    this.role = role;
    this.ssrc = ssrc;
    this.answerSdp = answerSdp;
    this.sink = sink;
  }

  @Override
  public String id() {
    return local.ufrag();
  }

  String localPassword() {
    return local.pwd();
  }

  String remoteUfrag() {
    return remote.iceUfrag();
  }

  @Override
  public String answerSdp() {
    return answerSdp;
  }

  @Override
  public AudioCodec codec() {
    return codec;
  }

  @Override
  public Future<Void> connected() {
    return connected.future();
  }

  @Override
  public Future<CloseReason> closed() {
    return closed.future();
  }

  /** The owning socket, or null before the session needed one. */
  WebRtcEndpointImpl.PortSocket owner() {
    return owner.get();
  }

  /** Makes {@code socket} the owner unless the session has one already; returns the owner. */
  WebRtcEndpointImpl.PortSocket claim(WebRtcEndpointImpl.PortSocket socket) {
    WebRtcEndpointImpl.PortSocket current = owner.get();
    if (current != null) {
      return current;
    }
    return owner.compareAndSet(null, socket) ? socket : owner.get();
  }

  /** Runs {@code action} on the owner's loop; a session with no owner yet gets the endpoint's default socket. */
  void onContext(Runnable action) {
    claim(endpoint.defaultSocket()).run(action);
  }

  boolean isClosed() {
    return state == State.CLOSED;
  }

  /** A Binding request that passed integrity arrived from {@code from} (RFC 8445 §7.3.1.4, §7.3.1.5). */
  void onValidCheck(InetSocketAddress from, boolean useCandidate, long nowNanos) {
    if (state == State.CLOSED) {
      return;
    }
    lastConsentNanos = nowNanos;
    if (!validated.contains(from) && validated.size() < MAX_VALIDATED_ADDRESSES) {
      validated.add(from);
      endpoint.bindAddress(from, this);
    }
    if (selected == null || (useCandidate && !selected.equals(from))) {
      selected = from;
    }
    if (state == State.NEW) {
      state = State.CHECKING;
      startDtls();
    }
  }

  private void startDtls() {
    state = State.CONNECTING;
    dtls = new DtlsSession(role, endpoint.identity(), remote.fingerprint(), endpoint.config().connectTimeout(),
        endpoint.dtlsWorkers(), this::sendDtls, () -> onContext(() -> close(CloseReason.PEER_CLOSED)));
    dtls.start().whenComplete((keys, error) -> onContext(() -> onHandshakeDone(keys, error)));
  }

  private void onHandshakeDone(SrtpKeyingMaterial keys, Throwable error) {
    if (state == State.CLOSED) {
      return;
    }
    if (error != null) {
      failure = dtls.failure() != null ? dtls.failure() : String.valueOf(error.getMessage());
      LOG.warning(() -> "session " + id() + ": " + failure);
      close(CloseReason.DTLS_FAILED);
      return;
    }
    srtp = new SrtpStreams(keys);
    state = State.CONNECTED;
    LOG.fine(() -> "session " + id() + " connected to " + selected + " as DTLS " + role);
    connected.tryComplete();
  }

  /** DTLS records go to the selected address only (design: DTLS/SRTP only with the ICE-validated address). */
  private void sendDtls(byte[] record) {
    InetSocketAddress to = selected;
    if (to != null) {
      endpoint.send(record, to);
    }
  }

  void onDtls(byte[] record) {
    if (dtls == null || !dtls.receive(record)) {
      drops.drop(DropReason.DTLS_QUEUE_FULL);
    }
  }

  void onRtp(Packet packet) {
    if (state != State.CONNECTED) {
      drops.drop(DropReason.NOT_CONNECTED);
      return;
    }
    DropReason reason = srtp.unprotectRtp(packet);
    if (reason != null) {
      drops.drop(reason);
      return;
    }
    byte[] b = packet.getBuffer();
    int off = packet.getOffset();
    int len = packet.getLength();
    if (RtpHeader.payloadLength(b, off, len) < 0) {
      drops.drop(DropReason.RTP_MALFORMED);
      return;
    }
    rtpReceived++;
    bytesReceived += len;
    try {
      sink.onRtp(this, b, off, len);
    } catch (RuntimeException e) {
      // A sink must not throw; if one does, the packet is lost, not the session.
      LOG.log(Level.WARNING, "media sink of session " + id() + " threw", e);
    }
  }

  void onRtcp(Packet packet) {
    if (state != State.CONNECTED) {
      drops.drop(DropReason.NOT_CONNECTED);
      return;
    }
    DropReason reason = srtp.unprotectRtcp(packet);
    if (reason != null) {
      drops.drop(reason);
      return;
    }
    rtcpReceived++;
  }

  @Override
  public synchronized void sendRtp(int payloadType, boolean marker, int timestampAdvance, byte[] payload,
      int offset, int length) {
    if (state != State.CONNECTED) {
      drops.drop(DropReason.NOT_CONNECTED);
      return;
    }
    sequence = (sequence + 1) & 0xffff;
    timestamp = (timestamp + (timestampAdvance & 0xffffffffL)) & 0xffffffffL;
    if (length < 0 || RtpHeader.FIXED_LENGTH + length > Packet.CAPACITY - 64) {
      drops.drop(DropReason.RTP_MALFORMED);
      return;
    }
    Packet packet = outgoing.clear();
    byte[] b = packet.getBuffer();
    RtpHeader.write(b, 0, marker, payloadType, sequence, timestamp, ssrc);
    System.arraycopy(payload, offset, b, RtpHeader.FIXED_LENGTH, length);
    packet.setLength(RtpHeader.FIXED_LENGTH + length);
    DropReason reason = srtp.protectRtp(packet);
    if (reason != null) {
      drops.drop(reason);
      return;
    }
    rtpSent++;
    bytesSent += packet.getLength();
    endpoint.send(packet.getBuffer(), packet.getOffset(), packet.getLength(), selected);
  }

  @Override
  public void sink(MediaSink newSink) {
    sink = newSink == null ? MediaSink.DISCARD : newSink;
  }

  @Override
  public void onMediaContext(Runnable action) {
    onContext(action);
  }

  /** Whether the connect timeout has passed for a session that is not connected (any thread). */
  boolean pastConnectTimeout(long nowNanos) {
    return state != State.CONNECTED && nowNanos - createdNanos > endpoint.config().connectTimeout().toNanos();
  }

  /** Called each second by the endpoint: consent freshness and connect timeout. */
  void checkTimers(long nowNanos) {
    if (state == State.CLOSED) {
      return;
    }
    if (state == State.CONNECTED) {
      // RFC 7675 §5.1: without a consent check for the timeout, stop sending and end.
      if (nowNanos - lastConsentNanos > endpoint.config().consentTimeout().toNanos()) {
        close(CloseReason.CONSENT_EXPIRED);
      }
    } else if (nowNanos - createdNanos > endpoint.config().connectTimeout().toNanos()) {
      failure = state == State.NEW ? "no ICE connectivity check arrived" : "DTLS handshake did not complete";
      close(CloseReason.CONNECT_TIMEOUT);
    }
  }

  @Override
  public void close(CloseReason reason) {
    onContext(() -> closeOnContext(reason));
  }

  private void closeOnContext(CloseReason reason) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    closeReason = reason;
    if (dtls != null) {
      dtls.close();
    }
    if (srtp != null) {
      srtp.close();
    }
    endpoint.unregister(this, validated);
    connected.tryFail(failure != null ? failure : "session closed: " + reason);
    LOG.fine(() -> "session " + id() + " closed: " + reason + (failure != null ? " (" + failure + ")" : ""));
    closed.tryComplete(reason);
  }

  @Override
  public JsonObject debugState() {
    return new JsonObject()
        .put("id", id())
        .put("state", state.name().toLowerCase(java.util.Locale.ROOT))
        .put("closeReason", closeReason == null ? null : closeReason.name())
        .put("error", failure)
        .put("dtlsRole", role.name().toLowerCase(java.util.Locale.ROOT))
        .put("codec", codec.name())
        .put("remoteAddress", selected == null ? null : selected.getAddress().getHostAddress() + ":"
            + selected.getPort())
        .put("validatedAddresses", validated.size())
        .put("rtpReceived", rtpReceived)
        .put("rtpSent", rtpSent)
        .put("rtcpReceived", rtcpReceived)
        .put("bytesReceived", bytesReceived)
        .put("bytesSent", bytesSent)
        .put("drops", drops.toJson());
  }
}
