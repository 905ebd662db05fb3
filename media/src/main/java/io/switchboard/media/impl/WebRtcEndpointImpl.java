package io.switchboard.media.impl;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.CloseReason;
import io.switchboard.media.MediaSink;
import io.switchboard.media.SdpException;
import io.switchboard.media.WebRtcConfig;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.media.WebRtcSession;
import io.switchboard.media.impl.dtls.DtlsIdentity;
import io.switchboard.media.impl.dtls.DtlsRole;
import io.switchboard.media.impl.ice.IceCredentials;
import io.switchboard.media.impl.ice.IceLiteResponder;
import io.switchboard.media.impl.net.DatagramSender;
import io.switchboard.media.impl.net.MediaSockets;
import io.switchboard.media.impl.pipeline.DropCounters;
import io.switchboard.media.impl.pipeline.DropReason;
import io.switchboard.media.impl.pipeline.Packet;
import io.switchboard.media.impl.pipeline.PacketKind;
import io.switchboard.media.impl.sdp.PeerDescription;
import io.switchboard.media.impl.sdp.WebRtcAnswer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.SocketAddressImpl;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The one-port WebRTC endpoint. One UDP socket on one event loop (the media context) receives every browser's
 * packets; they are told apart by RFC 7983 first byte, then STUN by the ufrag in USERNAME and everything else by
 * the source address that ICE validated for a session.
 */
public final class WebRtcEndpointImpl implements WebRtcEndpoint {
  private static final Logger LOG = Logger.getLogger(WebRtcEndpointImpl.class.getName());

  private final Vertx vertx;
  private final WebRtcConfig config;
  private final Context context;
  private final DtlsIdentity identity;
  private final ExecutorService dtlsExecutor;
  private final DropCounters drops = new DropCounters();
  private final Map<String, WebRtcSessionImpl> byUfrag = new ConcurrentHashMap<>();
  // Written and read on the media context only.
  private final Map<InetSocketAddress, WebRtcSessionImpl> byAddress = new java.util.HashMap<>();
  private final IceLiteResponder ice;
  private DatagramSocket socket;
  private DatagramSender sender;
  /** Scratch for {@link DatagramSender#arrayOf}; media context only. */
  private final int[] window = new int[2];
  private long timerId = -1;
  private volatile boolean closing;

  private WebRtcEndpointImpl(Vertx vertx, WebRtcConfig config, Context context, DtlsIdentity identity) {
    this.vertx = vertx;
    this.config = config;
    this.context = context;
    this.identity = identity;
    this.dtlsExecutor = newDtlsExecutor();
    this.ice = new IceLiteResponder(ufrag -> {
      WebRtcSessionImpl s = byUfrag.get(ufrag);
      return s == null || s.isClosed() ? null : s.localPassword();
    });
  }

  /** Generates the DTLS identity off the event loop, binds the port, starts the timers. */
  public static Future<WebRtcEndpoint> start(Vertx vertx, WebRtcConfig config) {
    Context context = vertx.getOrCreateContext();
    return vertx.executeBlocking(() -> DtlsIdentity.generate("switchboard"))
        .compose(identity -> {
          WebRtcEndpointImpl endpoint = new WebRtcEndpointImpl(vertx, config, context, identity);
          Promise<WebRtcEndpoint> bound = Promise.promise();
          context.runOnContext(v -> endpoint.bind().<WebRtcEndpoint>map(endpoint).onComplete(bound));
          return bound.future();
        });
  }

  private Future<Void> bind() {
    DatagramSocketOptions options = new DatagramSocketOptions()
        .setSendBufferSize(config.sendBufferBytes())
        .setIpV6(config.bindHost().contains(":"));
    socket = MediaSockets.create(vertx, options, config.receiveBufferBytes());
    sender = DatagramSender.of(socket);
    socket.handler(this::onPacket);
    socket.exceptionHandler(e -> LOG.warning("media socket: " + e.getMessage()));
    return socket.listen(config.port(), config.bindHost())
        .onSuccess(s -> {
          timerId = vertx.setPeriodic(1000, id -> checkTimers());
          LOG.info(() -> "WebRTC media on UDP " + config.bindHost() + ":" + localPort() + ", announced as "
              + config.announcedAddresses());
        })
        .mapEmpty();
  }

  private static ExecutorService newDtlsExecutor() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "switchboard-dtls-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    // Handshakes block in BouncyCastle; they are short and bounded by the connect timeout.
    return new ThreadPoolExecutor(0, 256, 30, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
        threads, new ThreadPoolExecutor.CallerRunsPolicy());
  }

  @Override
  public WebRtcSession accept(String offerSdp, MediaSink sink) throws SdpException {
    if (closing) {
      throw new IllegalStateException("the media endpoint is shutting down");
    }
    PeerDescription offer = PeerDescription.parse(offerSdp);
    if (offer.codecs().isEmpty()) {
      throw new SdpException("the offer has no PCMU or PCMA audio (G.711 is needed to reach telephones)");
    }
    // RFC 5763 §5: the answerer of an actpass offer should take the passive (DTLS server) role.
    DtlsRole role = offer.setup().equals("passive") ? DtlsRole.CLIENT : DtlsRole.SERVER;
    AudioCodec codec = offer.codecs().get(0);
    IceCredentials credentials;
    do {
      credentials = IceCredentials.random();
    } while (byUfrag.containsKey(credentials.ufrag()));
    int ssrc = ThreadLocalRandom.current().nextInt();
    String answer = WebRtcAnswer.write(offer, credentials.ufrag(), credentials.pwd(), identity.fingerprint(), role,
        codec, ssrc & 0xffffffffL, config.announcedAddresses(), localPort());
    WebRtcSessionImpl session = new WebRtcSessionImpl(this, credentials, offer, codec, role, ssrc, answer,
        sink == null ? MediaSink.DISCARD : sink);
    byUfrag.put(session.id(), session);
    return session;
  }

  @Override
  public Optional<WebRtcSession> session(String id) {
    return Optional.ofNullable(byUfrag.get(id));
  }

  @Override
  public int sessionCount() {
    return byUfrag.size();
  }

  @Override
  public int localPort() {
    return socket.localAddress().port();
  }

  // ---- packet path (media context) ----

  private void onPacket(DatagramPacket packet) {
    // The datagram's heap buffer is ours (Vert.x copied it out of Netty's); SRTP decrypts it in place.
    byte[] bytes = DatagramSender.arrayOf(packet.data(), window);
    int offset = window[0];
    int length = window[1];
    InetSocketAddress from = senderAddress(packet.sender());
    switch (PacketKind.of(bytes, offset, length)) {
      case STUN -> {
        if (offset != 0 || bytes.length != length) {
          bytes = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
        }
        onStun(bytes, length, from);
      }
      case DTLS -> {
        WebRtcSessionImpl s = byAddress.get(from);
        if (s == null) {
          drops.drop(DropReason.FROM_UNVALIDATED_ADDRESS);
        } else {
          // The record is queued for a DTLS worker thread: it needs bytes of its own.
          s.onDtls(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
        }
      }
      case RTP -> {
        WebRtcSessionImpl s = byAddress.get(from);
        if (s == null) {
          drops.drop(DropReason.FROM_UNVALIDATED_ADDRESS);
        } else {
          s.onRtp(Packet.wrap(bytes, offset, length));
        }
      }
      case RTCP -> {
        WebRtcSessionImpl s = byAddress.get(from);
        if (s == null) {
          drops.drop(DropReason.FROM_UNVALIDATED_ADDRESS);
        } else {
          s.onRtcp(Packet.wrap(bytes, offset, length));
        }
      }
      default -> drops.drop(DropReason.UNKNOWN_KIND);
    }
  }

  /**
   * The sender as a JDK address without formatting and re-parsing its IP text (which cost a String and an address
   * lookup per packet): Vert.x keeps the {@code InetAddress} it received.
   */
  private static InetSocketAddress senderAddress(SocketAddress sender) {
    if (sender instanceof SocketAddressImpl impl && impl.ipAddress() != null) {
      return new InetSocketAddress(impl.ipAddress(), impl.port());
    }
    return new InetSocketAddress(sender.hostAddress(), sender.port());
  }

  private void onStun(byte[] bytes, int length, InetSocketAddress from) {
    IceLiteResponder.Check check = ice.answer(bytes, length, from, drops);
    if (check == null) {
      return;
    }
    WebRtcSessionImpl session = byUfrag.get(check.localUfrag());
    if (session == null || session.isClosed() || !check.remoteUfrag().equals(session.remoteUfrag())) {
      drops.drop(DropReason.STUN_UNKNOWN_USERNAME);
      return;
    }
    send(check.response(), from);
    session.onValidCheck(from, check.useCandidate(), System.nanoTime());
  }

  void bindAddress(InetSocketAddress address, WebRtcSessionImpl session) {
    WebRtcSessionImpl previous = byAddress.put(address, session);
    if (previous != null && previous != session) {
      // The address moved to a newer session (the old one will time out on consent).
      LOG.fine(() -> "address " + address + " moved from session " + previous.id() + " to " + session.id());
    }
  }

  void unregister(WebRtcSessionImpl session, Collection<InetSocketAddress> addresses) {
    byUfrag.remove(session.id(), session);
    for (InetSocketAddress a : addresses) {
      byAddress.remove(a, session);
    }
  }

  void send(byte[] bytes, InetSocketAddress to) {
    send(bytes, 0, bytes.length, to);
  }

  void send(byte[] bytes, int offset, int length, InetSocketAddress to) {
    if (to == null || sender == null) {
      return;
    }
    sender.send(bytes, offset, length, to);
  }

  private void checkTimers() {
    long now = System.nanoTime();
    for (WebRtcSessionImpl s : new ArrayList<>(byUfrag.values())) {
      s.checkTimers(now);
    }
  }

  // ---- helpers for sessions ----

  void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  DtlsIdentity identity() {
    return identity;
  }

  WebRtcConfig config() {
    return config;
  }

  ExecutorService dtlsWorkers() {
    return dtlsExecutor;
  }

  @Override
  public JsonObject debugState() {
    JsonArray sessions = new JsonArray();
    byUfrag.values().forEach(s -> sessions.add(s.debugState()));
    return new JsonObject()
        .put("port", socket == null ? null : localPort())
        .put("announcedAddresses", new JsonArray(List.copyOf(config.announcedAddresses())))
        .put("fingerprint", identity.fingerprint().toString())
        .put("sessionCount", byUfrag.size())
        .put("directSend", sender != null && sender.direct())
        .put("sendOnCallingThread", sender != null && sender.onCallingThread())
        .put("sendBufferFullDrops", sender == null ? 0 : sender.dropped())
        .put("drops", drops.toJson())
        .put("sessions", sessions);
  }

  @Override
  public Future<Void> close() {
    if (closing) {
      return Future.succeededFuture();
    }
    closing = true;
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      for (WebRtcSessionImpl s : new ArrayList<>(byUfrag.values())) {
        s.close(CloseReason.SHUTDOWN);
      }
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
      }
      ice.close();
      dtlsExecutor.shutdownNow();
      (socket == null ? Future.<Void>succeededFuture() : socket.close()).onComplete(done);
    });
    return done.future();
  }
}
