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
import io.switchboard.media.impl.net.PollingLoops;
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
import io.vertx.core.internal.VertxInternal;
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
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * The one-port WebRTC endpoint. Several UDP sockets share the port ({@code SO_REUSEPORT}), each read by its own
 * event loop: the kernel hashes each browser's address to one of them, so the packet path of the port spreads over
 * the cores (one socket was one thread's work, the first limit in docs/performance.md). Packets are told apart by
 * RFC 7983 first byte, then STUN by the ufrag in USERNAME and everything else by the source address that ICE
 * validated for a session.
 *
 * <p>Each session is owned by one socket's event loop (its media context): the socket that received its first
 * valid check, as the kernel sends that address there from then on. Session state is touched on that loop only; a
 * packet that arrives on another socket (a second candidate address hashed elsewhere) is handed over to the owner.
 * Sending is thread-safe and goes out of the socket of the calling thread's loop when there is one.
 */
public final class WebRtcEndpointImpl implements WebRtcEndpoint {
  private static final Logger LOG = Logger.getLogger(WebRtcEndpointImpl.class.getName());

  private final Vertx vertx;
  private final WebRtcConfig config;
  private final DtlsIdentity identity;
  private final ExecutorService dtlsExecutor;
  private final DropCounters drops = new DropCounters();
  private final Map<String, WebRtcSessionImpl> byUfrag = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, WebRtcSessionImpl> byAddress = new ConcurrentHashMap<>();
  private final IceLiteResponder ice;
  /** Added to while binding, read by every sending thread after. */
  private final List<PortSocket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean closing;
  /** The sockets' own polling loops, or null on Vert.x's loops. */
  private PollingLoops loops;

  private WebRtcEndpointImpl(Vertx vertx, WebRtcConfig config, DtlsIdentity identity) {
    this.vertx = vertx;
    this.config = config;
    this.identity = identity;
    this.dtlsExecutor = newDtlsExecutor();
    this.ice = new IceLiteResponder(ufrag -> {
      WebRtcSessionImpl s = byUfrag.get(ufrag);
      return s == null || s.isClosed() ? null : s.localPassword();
    });
  }

  /** Generates the DTLS identity off the event loop, binds the port's sockets, starts the timers. */
  public static Future<WebRtcEndpoint> start(Vertx vertx, WebRtcConfig config) {
    // SRTP's one-time start-up (OpenSSL load, AES choice) on a thread of its own, not on the first session's loop.
    io.switchboard.media.impl.srtp.SrtpWarmUp.start();
    return vertx.executeBlocking(() -> DtlsIdentity.generate("switchboard"))
        .compose(identity -> {
          WebRtcEndpointImpl endpoint = new WebRtcEndpointImpl(vertx, config, identity);
          return endpoint.bind().<WebRtcEndpoint>map(endpoint)
              .onFailure(e -> endpoint.close());
        });
  }

  /**
   * Binds the first socket (which picks the port when it is 0), then the others on the same port. Where the
   * system has no SO_REUSEPORT the endpoint keeps one socket.
   */
  private Future<Void> bind() {
    // Loops of the port's own even without polling: on Vert.x's event loops the sockets shared threads with call
    // control, which an INVITE flood keeps busy (docs/reliability.md, floods against live calls).
    // -Dswitchboard.media.onVertxLoops=true restores Vert.x's loops, for before/after measurements.
    if (config.pollMicros() > 0 || !Boolean.getBoolean("switchboard.media.onVertxLoops")) {
      loops = PollingLoops.create(vertx, config.socketCount(), "switchboard-media", config.pollMicros());
    }
    if (config.port() != 0 && config.socketCount() > 1) {
      try {
        portIsFree(config.bindHost(), config.port());
      } catch (java.io.IOException e) {
        return Future.failedFuture(new java.net.BindException("UDP port " + config.port() + " on "
            + config.bindHost() + " is already in use (another Switchboard running?): " + e.getMessage()));
      }
    }
    PortSocket first = new PortSocket(0, newContext());
    sockets.add(first);
    return first.bind(config.port(), config.socketCount() > 1).compose(reused -> {
      int count = reused ? config.socketCount() : 1;
      List<Future<Boolean>> others = new ArrayList<>();
      for (int i = 1; i < count; i++) {
        PortSocket socket = new PortSocket(i, newContext());
        sockets.add(socket);
        others.add(socket.bind(first.port(), true));
      }
      return Future.all(others);
    }).onSuccess(v -> LOG.info(() -> "WebRTC media on UDP " + config.bindHost() + ":" + localPort() + " ("
        + sockets.size() + " socket" + (sockets.size() == 1 ? "" : "s") + "), announced as "
        + config.announcedAddresses())).mapEmpty();
  }

  /**
   * Binds and closes a plain socket on the port. Sockets with SO_REUSEPORT bind even where another process of the
   * same user (a second server started by mistake) holds the port with SO_REUSEPORT, and the kernel would then
   * split the browsers between the two; a plain socket fails there, as the one-socket endpoint did.
   */
  private static void portIsFree(String host, int port) throws java.io.IOException {
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket(null)) {
      probe.setReuseAddress(false);
      probe.bind(new InetSocketAddress(host, port));
    }
  }

  /** An event-loop context of its own: the polling loops', or Vert.x's (round robin). */
  private Context newContext() {
    if (loops != null) {
      return loops.context();
    }
    return vertx instanceof VertxInternal internal ? internal.createEventLoopContext() : vertx.getOrCreateContext();
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
    return sockets.get(0).port();
  }

  /**
   * The sender's address as a JDK address without formatting and re-parsing its IP text (which cost a String and
   * an address lookup per packet): Vert.x keeps the {@code InetAddress} it received.
   */
  private static InetSocketAddress senderAddress(SocketAddress sender) {
    if (sender instanceof SocketAddressImpl impl && impl.ipAddress() != null) {
      return new InetSocketAddress(impl.ipAddress(), impl.port());
    }
    return new InetSocketAddress(sender.hostAddress(), sender.port());
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

  /** From any thread: out of the calling loop's own socket when it has one (no hop, no lock shared). */
  void send(byte[] bytes, int offset, int length, InetSocketAddress to) {
    if (to == null) {
      return;
    }
    PortSocket out = localSocket();
    DatagramSender sender = (out != null ? out : sockets.get(0)).sender;
    if (sender != null) {
      sender.send(bytes, offset, length, to);
    }
  }

  private PortSocket localSocket() {
    Thread current = Thread.currentThread();
    for (int i = 0; i < sockets.size(); i++) {
      PortSocket s = sockets.get(i);
      if (s.thread == current) {
        return s;
      }
    }
    return null;
  }

  /** The socket whose loop runs what a session does before any packet of it arrived. */
  PortSocket defaultSocket() {
    return sockets.get(0);
  }

  // ---- helpers for sessions ----

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
    JsonArray socketStates = new JsonArray();
    long sendBufferFullDrops = 0;
    for (PortSocket s : sockets) {
      socketStates.add(s.debugState());
      sendBufferFullDrops += s.sender == null ? 0 : s.sender.dropped();
    }
    DatagramSender first = sockets.isEmpty() ? null : sockets.get(0).sender;
    return new JsonObject()
        .put("port", first == null ? null : localPort())
        .put("announcedAddresses", new JsonArray(List.copyOf(config.announcedAddresses())))
        .put("fingerprint", identity.fingerprint().toString())
        .put("sessionCount", byUfrag.size())
        .put("directSend", first != null && first.direct())
        .put("sendOnCallingThread", first != null && first.onCallingThread())
        .put("sendBufferFullDrops", sendBufferFullDrops)
        .put("pollMicros", loops == null ? 0 : config.pollMicros())
        .put("drops", drops.toJson())
        .put("sockets", socketStates)
        .put("sessions", sessions);
  }

  @Override
  public Future<Void> close() {
    if (closing) {
      return Future.succeededFuture();
    }
    closing = true;
    for (WebRtcSessionImpl s : new ArrayList<>(byUfrag.values())) {
      s.close(CloseReason.SHUTDOWN);
    }
    List<Future<Void>> closed = new ArrayList<>();
    for (PortSocket s : sockets) {
      closed.add(s.close());
    }
    return Future.join(closed).eventually(() -> {
      ice.close();
      dtlsExecutor.shutdownNow();
      return loops == null ? Future.<Void>succeededFuture() : loops.close();
    }).mapEmpty();
  }

  /** One of the sockets on the port, with its event loop. */
  final class PortSocket {
    private final int index;
    private final Context context;
    /** The loop's thread, known once the socket is bound. */
    private volatile Thread thread;
    private DatagramSocket socket;
    private volatile DatagramSender sender;
    /** Scratch for {@link DatagramSender#arrayOf}; this socket's loop only. */
    private final int[] window = new int[2];
    private final LongAdder received = new LongAdder();
    private final LongAdder handedOver = new LongAdder();
    /** Runs of the 1 s timer (read by debugState). */
    private volatile long timerTicks;
    private long timerId = -1;

    PortSocket(int index, Context context) {
      this.index = index;
      this.context = context;
    }

    /** Binds on this socket's loop; completes with whether SO_REUSEPORT is on. */
    Future<Boolean> bind(int port, boolean reusePort) {
      Promise<Boolean> bound = Promise.promise();
      context.runOnContext(v -> {
        thread = Thread.currentThread();
        DatagramSocketOptions options = new DatagramSocketOptions()
            .setSendBufferSize(config.sendBufferBytes())
            .setIpV6(config.bindHost().contains(":"));
        socket = MediaSockets.create(vertx, options, config.receiveBufferBytes());
        boolean reused = reusePort && MediaSockets.reusePort(socket);
        if (reusePort && !reused) {
          LOG.info("no SO_REUSEPORT here: the WebRTC port is read by one socket");
        }
        sender = DatagramSender.of(socket);
        socket.handler(this::onPacket);
        socket.exceptionHandler(e -> LOG.warning("media socket " + index + ": " + e.getMessage()));
        socket.listen(port, config.bindHost())
            .onSuccess(s -> timerId = vertx.setPeriodic(1000, id -> checkTimers()))
            .<Boolean>map(reused)
            .onComplete(bound);
      });
      return bound.future();
    }

    int port() {
      return socket.localAddress().port();
    }

    /** Runs {@code action} on this socket's loop: now when called there, else as a task. */
    void run(Runnable action) {
      if (Thread.currentThread() == thread) {
        action.run();
      } else {
        context.runOnContext(v -> action.run());
      }
    }

    // ---- packet path (this socket's loop) ----

    private void onPacket(DatagramPacket packet) {
      received.increment();
      // The datagram's heap buffer is ours (Vert.x copied it out of Netty's); SRTP decrypts it in place, and it
      // may be handed to another loop as it is.
      byte[] bytes = DatagramSender.arrayOf(packet.data(), window);
      int offset = window[0];
      int length = window[1];
      InetSocketAddress from = senderAddress(packet.sender());
      PacketKind kind = PacketKind.of(bytes, offset, length);
      switch (kind) {
        case STUN -> {
          if (offset != 0 || bytes.length != length) {
            bytes = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
          }
          onStun(bytes, length, from);
        }
        case DTLS, RTP, RTCP -> {
          WebRtcSessionImpl s = byAddress.get(from);
          if (s == null) {
            drops.drop(DropReason.FROM_UNVALIDATED_ADDRESS);
            return;
          }
          PortSocket owner = s.claim(this);
          if (owner == this) {
            deliver(s, kind, bytes, offset, length);
          } else {
            handedOver.increment();
            byte[] b = bytes;
            owner.context.runOnContext(v -> deliver(s, kind, b, offset, length));
          }
        }
        default -> drops.drop(DropReason.UNKNOWN_KIND);
      }
    }

    private void deliver(WebRtcSessionImpl s, PacketKind kind, byte[] bytes, int offset, int length) {
      switch (kind) {
        // The record is queued for a DTLS worker thread: it needs bytes of its own.
        case DTLS -> s.onDtls(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
        case RTP -> s.onRtp(Packet.wrap(bytes, offset, length));
        case RTCP -> s.onRtcp(Packet.wrap(bytes, offset, length));
        default -> drops.drop(DropReason.UNKNOWN_KIND);
      }
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
      sender.send(check.response(), 0, check.response().length, from);
      long now = System.nanoTime();
      PortSocket owner = session.claim(this);
      if (owner != this) {
        handedOver.increment();
      }
      owner.run(() -> session.onValidCheck(from, check.useCandidate(), now));
    }

    /** Each second: consent freshness and connect timeouts of the sessions this loop owns. */
    private void checkTimers() {
      timerTicks++;
      long now = System.nanoTime();
      for (WebRtcSessionImpl s : byUfrag.values()) {
        PortSocket owner = s.owner();
        if (owner == this) {
          s.checkTimers(now);
        } else if (owner == null && index == 0 && s.pastConnectTimeout(now)) {
          // No packet of it in all that time: the default socket's loop closes it. Only then is it claimed; a
          // claim at any earlier tick would tie the session to this loop wherever the kernel sends its packets.
          s.onContext(() -> s.checkTimers(now));
        }
      }
    }

    Future<Void> close() {
      Promise<Void> done = Promise.promise();
      context.runOnContext(v -> {
        if (timerId >= 0) {
          vertx.cancelTimer(timerId);
        }
        (socket == null ? Future.<Void>succeededFuture() : socket.close()).onComplete(done);
      });
      return done.future();
    }

    JsonObject debugState() {
      long owned = byUfrag.values().stream().filter(s -> s.owner() == this).count();
      return new JsonObject()
          .put("index", index)
          .put("thread", thread == null ? null : thread.getName())
          .put("sessions", owned)
          .put("datagramsReceived", received.sum())
          .put("handedOver", handedOver.sum())
          .put("timerTicks", timerTicks)
          .put("sendBufferFullDrops", sender == null ? 0 : sender.dropped());
    }
  }
}
