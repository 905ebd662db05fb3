package io.switchboard.gateway.impl;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import io.switchboard.gateway.DialRequest;
import io.switchboard.gateway.InboundCallHandler;
import io.switchboard.gateway.OutboundLeg;
import io.switchboard.gateway.SipConfig;
import io.switchboard.gateway.SipEdgeConfig;
import io.switchboard.gateway.SipEdgeCounters;
import io.switchboard.gateway.SipGateway;
import io.switchboard.gateway.SipLeg;
import io.switchboard.gateway.SipTrafficObserver;
import io.switchboard.gateway.TrunkConfig;
import io.switchboard.gateway.TrunkDialer;
import io.switchboard.media.RtpLeg;
import io.switchboard.media.RtpPorts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TransactionState;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The gateway: owns the JAIN-SIP stack, its listener, the legs and the registrations.
 *
 * <p>Threading: the stack calls its listener, {@link StackListener}, on its own threads. There we only create server
 * transactions (so retransmissions are absorbed at once), screen new INVITEs (immutable config, no leg state) and
 * answer OPTIONS; everything that touches legs or registrations hops to {@link #context} first, to the methods of
 * this class below "on the context".
 */
public final class SipGatewayImpl implements SipGateway {

  private static final Logger LOG = Logger.getLogger(SipGatewayImpl.class.getName());
  /** RFC 3261 §13.3.1.4: 64 * T1. */
  public static final Duration ACK_TIMEOUT = Duration.ofSeconds(32);
  private static final AtomicLong LEG_IDS = new AtomicLong();

  private final Vertx vertx;
  private final Context context;
  private final SipConfig config;
  /** Replaced whole by {@link #reload}; the stack threads read it without locks. */
  private volatile List<Trunk> trunks;
  private final RtpPorts rtpPorts;
  private final InboundCallHandler handler;
  private final Duration ackTimeout;
  private final SipEdgeConfig edge;
  private final SipTrafficObserver observer;
  private final GatewayCounters counters;
  private final DigestChallenges challenges = new DigestChallenges();
  /** Legs by Call-ID; written on the context only, concurrent so debugState may be read from anywhere. */
  private final Map<String, SipLegImpl> legs = new ConcurrentHashMap<>();
  /**
   * INVITEs screened on a stack thread and answered 100 whose {@link #accept} has not yet run on the context. Under a
   * flood the context falls behind, and these are calls being set up as much as the legs are: the flood guard's cap
   * counts both, or a backlog of thousands would pass a cap of hundreds (docs/reliability.md, floods against live
   * calls).
   */
  private final AtomicInteger acceptsPending = new AtomicInteger();
  private final TrunkRegistrations registrations = new TrunkRegistrations();
  /** Calls we placed, by Call-ID; written on the context only. */
  private final Map<String, OutboundLegImpl> outbound = new ConcurrentHashMap<>();
  private final AtomicBoolean dialerHandedOut = new AtomicBoolean();

  private SipStackImpl stack;
  /** Set once the stack is bound; {@link StackListener} reads these three on each request. */
  UserAgentCore ua;
  InviteScreening screening;
  UasChecks uasChecks;
  private int port;
  private volatile boolean closing;
  /** Seconds for Retry-After once draining (new INVITEs refused with 503), else -1. */
  private volatile long drainRetryAfter = -1;
  /** Seconds for Retry-After while new calls are paused (reversible, unlike a drain), else -1. */
  private volatile long pauseRetryAfter = -1;
  private Promise<Void> closed;

  private SipGatewayImpl(Vertx vertx, Context context, SipConfig config, List<Trunk> trunks, RtpPorts rtpPorts,
      InboundCallHandler handler, Duration ackTimeout, SipEdgeConfig edge, SipTrafficObserver observer) {
    this.observer = observer;
    this.counters = new GatewayCounters(observer);
    this.vertx = vertx;
    this.edge = edge;
    this.context = context;
    this.config = config;
    this.trunks = trunks;
    this.rtpPorts = rtpPorts;
    this.handler = handler;
    this.ackTimeout = ackTimeout;
  }

  public static Future<SipGateway> start(Vertx vertx, SipConfig config, List<TrunkConfig> trunkConfigs,
      RtpPorts rtpPorts, InboundCallHandler handler) {
    return start(vertx, config, trunkConfigs, rtpPorts, handler, SipEdgeConfig.defaults(), ACK_TIMEOUT);
  }

  /** As {@link SipGateway#start}, with a shorter ACK timeout for tests. */
  public static Future<SipGateway> start(Vertx vertx, SipConfig config, List<TrunkConfig> trunkConfigs,
      RtpPorts rtpPorts, InboundCallHandler handler, Duration ackTimeout) {
    return start(vertx, config, trunkConfigs, rtpPorts, handler, SipEdgeConfig.defaults(), ackTimeout,
        SipTrafficObserver.NONE);
  }

  /** As {@link SipGateway#start}, reporting traffic to {@code observer}. */
  public static Future<SipGateway> start(Vertx vertx, SipConfig config, List<TrunkConfig> trunkConfigs,
      RtpPorts rtpPorts, InboundCallHandler handler, Duration ackTimeout, SipTrafficObserver observer) {
    return start(vertx, config, trunkConfigs, rtpPorts, handler, SipEdgeConfig.defaults(), ackTimeout, observer);
  }

  /** As {@link SipGateway#start}, with the edge's defences configured and the ACK timeout given. */
  public static Future<SipGateway> start(Vertx vertx, SipConfig config, List<TrunkConfig> trunkConfigs,
      RtpPorts rtpPorts, InboundCallHandler handler, SipEdgeConfig edge, Duration ackTimeout) {
    return start(vertx, config, trunkConfigs, rtpPorts, handler, edge, ackTimeout, SipTrafficObserver.NONE);
  }

  /** As {@link SipGateway#start}, with the edge's defences, the ACK timeout and the traffic observer given. */
  public static Future<SipGateway> start(Vertx vertx, SipConfig config, List<TrunkConfig> trunkConfigs,
      RtpPorts rtpPorts, InboundCallHandler handler, SipEdgeConfig edge, Duration ackTimeout,
      SipTrafficObserver observer) {
    List<Trunk> trunks;
    try {
      trunks = parse(trunkConfigs);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Context context = vertx.getOrCreateContext();
    SipGatewayImpl gateway = new SipGatewayImpl(vertx, context, config, trunks, rtpPorts, handler, ackTimeout,
        edge, observer);
    // Binding sockets and starting the stack's threads is blocking work: off the event loop.
    return context.executeBlocking(() -> {
      gateway.startStack();
      return gateway;
    }).map(g -> {
      g.startRegistrations();
      return (SipGateway) g;
    });
  }

  private static List<Trunk> parse(List<TrunkConfig> trunkConfigs) {
    Set<String> names = new HashSet<>();
    for (TrunkConfig t : trunkConfigs) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("trunk name '" + t.name() + "' is used twice");
      }
    }
    return trunkConfigs.stream().map(Trunk::of).toList();
  }

  @Override
  public Future<Void> reload(List<TrunkConfig> trunkConfigs) {
    List<Trunk> next;
    try {
      next = parse(trunkConfigs);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      if (closing) {
        done.fail(new IllegalStateException("the gateway is closing"));
        return;
      }
      trunks = next;
      registrations.follow(next, ua, context, counters);
      LOG.info(() -> "Trunks reloaded: " + next.stream().map(Trunk::name).toList());
      done.complete();
    });
    return done.future();
  }

  private void startStack() throws Exception {
    Exception last = null;
    // Port 0: pick a port free for every transport; another process may take it in between, so try a few.
    for (int attempt = 0; attempt < 5; attempt++) {
      int candidate = config.port() != 0 ? config.port() : FreePort.pick(config.bindHost(), config.transports());
      try {
        bind(candidate);
        port = candidate;
        return;
      } catch (Exception e) {
        last = e;
        if (config.port() != 0) {
          break;
        }
      }
    }
    throw last;
  }

  private void bind(int candidate) throws Exception {
    SipStackImpl s = new SipStackImpl(StackProperties.of(config, "switchboard-gateway-" + UUID.randomUUID()));
    try {
      bindEdgeValve(s);
      SipProvider provider = null;
      for (String transport : config.transports()) {
        ListeningPoint lp = s.createListeningPoint(config.bindHost(), candidate, transport);
        // The stack writes the listening point's address into Via of requests it builds (BYE): make it reachable.
        lp.setSentBy(config.announcedAddress() + ":" + candidate);
        if (provider == null) {
          provider = s.createSipProvider(lp);
        } else {
          provider.addListeningPoint(lp);
        }
      }
      provider.addSipListener(new StackListener(this, context, counters, observer, outbound));
      s.start();
      ua = new UserAgentCore(provider, new HeaderFactoryImpl(), new MessageFactoryImpl(), new AddressFactoryImpl(),
          config.announcedAddress(), candidate);
      ua.observer = observer;
      uasChecks = new UasChecks(ua, counters);
      screening = new InviteScreening(() -> trunks, challenges, ua, counters, uasChecks, new InviteScreening.DigestGuessers(
          new Lockouts<>(edge.digestFailuresPerSource(), edge.lockout(), edge.maxLockout()),
          new Lockouts<>(edge.digestFailuresPerAccount(), edge.lockout(), edge.maxLockout())));
      stack = s;
    } catch (Exception e) {
      s.stop();
      throw e;
    }
  }

  /** The stack created our {@link EdgeValve} by reflection; hand it the flood guard before anything listens. */
  private void bindEdgeValve(SipStackImpl s) {
    FloodGuard guard = new FloodGuard(edge, this::fromTrunk, () -> legs.size() + acceptsPending.get(), counters,
        System::nanoTime);
    s.sipMessageValves.stream().filter(EdgeValve.class::isInstance).map(EdgeValve.class::cast)
        .forEach(valve -> valve.bind(guard, counters));
  }

  private boolean fromTrunk(InetAddress source) {
    return trunks.stream().anyMatch(t -> t.allows(source));
  }

  private void startRegistrations() {
    registrations.follow(trunks, ua, context, counters);
  }

  @Override
  public TrunkDialer dialer() {
    if (!dialerHandedOut.compareAndSet(false, true)) {
      throw new IllegalStateException("the trunk dialer was already handed out");
    }
    return this::dial;
  }

  private Future<OutboundLeg> dial(DialRequest request) {
    Promise<OutboundLeg> promise = Promise.promise();
    context.runOnContext(v -> {
      Trunk trunk = trunks.stream().filter(t -> t.name().equals(request.trunk())).findFirst().orElse(null);
      if (closing) {
        promise.fail(new IllegalStateException("the gateway is closing"));
      } else if (trunk == null) {
        promise.fail(new IllegalArgumentException("no trunk " + request.trunk()));
      } else if (trunk.config().outbound().isEmpty()) {
        promise.fail(new IllegalArgumentException("trunk " + request.trunk() + " places no calls (no outbound)"));
      } else {
        rtpPorts.allocate().onComplete(ar -> context.runOnContext(w -> {
          if (ar.failed()) {
            counters.increment("rtp_allocation_failed");
            promise.fail(ar.cause());
            return;
          }
          OutboundLegImpl leg = new OutboundLegImpl("out-" + LEG_IDS.incrementAndGet(), request,
              trunk.config().outbound().get(), ua, context, counters, this::forgetOutbound, ar.result());
          outbound.put(leg.callId(), leg);
          leg.start();
          promise.complete(leg);
        }));
      }
    });
    return promise.future();
  }

  private void forgetOutbound(OutboundLegImpl leg) {
    outbound.remove(leg.callId(), leg);
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public JsonObject debugState() {
    JsonArray trunkState = new JsonArray();
    for (Trunk trunk : trunks) {
      trunkState.add(new JsonObject()
          .put("name", trunk.name())
          .put("allowedSources", new JsonArray(trunk.sources().stream().map(Object::toString).toList()))
          .put("dids", new JsonArray(List.copyOf(trunk.config().dids())))
          .put("digest", trunk.config().inboundDigest().isPresent()));
    }
    JsonArray registrationState = registrations.debugState();
    JsonArray dialogs = new JsonArray();
    legs.values().forEach(leg -> dialogs.add(leg.debugState()));
    outbound.values().forEach(leg -> dialogs.add(leg.debugState()));
    return new JsonObject()
        .put("port", port)
        .put("transports", new JsonArray(config.transports()))
        .put("announcedAddress", config.announcedAddress())
        .put("closing", closing)
        .put("trunks", trunkState)
        .put("registrations", registrationState)
        .put("dialogs", dialogs)
        .put("outstandingNonces", challenges.outstanding())
        .put("counters", counters.toJson());
  }

  @Override
  public void drain(Duration retryAfter) {
    drainRetryAfter = Math.max(0, retryAfter.toSeconds());
  }

  @Override
  public void pauseNewCalls(Duration retryAfter) {
    pauseRetryAfter = Math.max(0, retryAfter.toSeconds());
  }

  @Override
  public void resumeNewCalls() {
    pauseRetryAfter = -1;
  }

  @Override
  public Future<Void> close() {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      if (closed != null) {
        closed.future().onComplete(promise);
        return;
      }
      closed = promise;
      closing = true;
      registrations.stopAll();
      List.copyOf(legs.values()).forEach(SipLegImpl::shutdown);
      legs.clear();
      List.copyOf(outbound.values()).forEach(OutboundLegImpl::shutdown);
      outbound.clear();
      context.executeBlocking(() -> {
        stopStack();
        return null;
      }).<Void>mapEmpty().onComplete(promise);
    });
    return promise.future();
  }

  /**
   * JAIN-SIP's UDP processor closes its socket and then walks its list of message channels while those channels'
   * threads, woken by the closed socket, remove themselves from the same list: now and then the walk throws
   * {@link java.util.ConcurrentModificationException} and the rest of the stack (timers, other processors) is
   * left running. Stopping again walks what is left; the race needs a channel thread to exit exactly then, so a
   * second or third pass finishes.
   */
  private void stopStack() {
    for (int attempt = 1; ; attempt++) {
      try {
        stack.stop();
        return;
      } catch (java.util.ConcurrentModificationException e) {
        if (attempt == 3) {
          throw e;
        }
        LOG.fine(() -> "SIP stack stop raced with a closing UDP channel; stopping again");
      }
    }
  }

  @Override
  public SipEdgeCounters edgeCounters() {
    return counters;
  }

  /** Counters by name, for tests. */
  long counter(String name) {
    return counters.get(name);
  }

  /** On a stack thread: hands a screened INVITE to the context, counted as a call being set up meanwhile. */
  void acceptOnContext(InviteScreening.Passed passed, ServerTransaction tx, Request invite) {
    acceptsPending.incrementAndGet();
    context.runOnContext(v -> {
      acceptsPending.decrementAndGet();
      accept(passed, tx, invite);
    });
  }

  // ---- on the context ----

  void accept(InviteScreening.Passed passed, ServerTransaction tx, Request invite) {
    String callId = callIdOf(invite);
    if (closing) {
      ua.respond(tx, invite, Response.SERVICE_UNAVAILABLE, UserAgentCore.newTag());
      return;
    }
    long retryAfter = drainRetryAfter >= 0 ? drainRetryAfter : pauseRetryAfter;
    if (retryAfter >= 0) {
      refuseWhileDraining(tx, invite, retryAfter);
      return;
    }
    if (tx.getState() != TransactionState.PROCEEDING) {
      return; // cancelled (487 sent) before we got here
    }
    if (legs.containsKey(callId)) {
      // A second INVITE of a Call-ID we already serve, without a To tag: a fork or a loop (RFC 3261 §8.2.2.2).
      ua.respond(tx, invite, Response.LOOP_DETECTED, UserAgentCore.newTag());
      return;
    }
    SipLegImpl leg = new SipLegImpl("sip-" + LEG_IDS.incrementAndGet(), passed.trunk().name(), passed.from(),
        passed.to(), context, ua, counters, ackTimeout, this::forget, invite, tx, passed.offer());
    legs.put(callId, leg);
    counters.increment("invites_accepted");
    rtpPorts.allocate().onComplete(ar -> context.runOnContext(v -> {
      if (ar.failed()) {
        leg.mediaFailed(ar.cause());
        return;
      }
      RtpLeg rtp = ar.result();
      if (leg.mediaReady(rtp)) {
        try {
          handler.onIncomingCall(leg);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "call handler failed for " + leg.callId(), e);
          leg.reject(Response.SERVER_INTERNAL_ERROR, "Server Internal Error");
        }
      }
    }));
  }

  /** RFC 3261 §21.5.4: 503 with Retry-After, so the carrier tries elsewhere or later (docs/reliability.md). */
  private void refuseWhileDraining(ServerTransaction tx, Request invite, long retryAfter) {
    counters.increment("rejected_draining");
    try {
      Response response = ua.response(invite, Response.SERVICE_UNAVAILABLE, UserAgentCore.newTag());
      response.addHeader(ua.headers.createRetryAfterHeader((int) Math.min(Integer.MAX_VALUE, retryAfter)));
      ua.send(tx, response);
    } catch (ParseException | InvalidArgumentException e) {
      LOG.log(Level.WARNING, "cannot build 503", e);
    }
  }

  private void forget(SipLegImpl leg) {
    legs.remove(leg.callId(), leg);
  }

  void cancel(ServerTransaction tx, Request cancel) {
    SipLegImpl leg = legs.get(callIdOf(cancel));
    ServerTransaction invite = ((SIPServerTransaction) tx).getCanceledInviteTransaction();
    if (leg == null && invite == null) {
      ua.respond(tx, cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
      return;
    }
    // RFC 3261 §9.2: 200 to the CANCEL, then 487 to the INVITE if it has no final response yet.
    ua.respond(tx, cancel, Response.OK, null);
    counters.increment("cancels");
    if (leg != null) {
      leg.onCancel();
    } else if (invite.getState() == TransactionState.PROCEEDING) {
      ua.respond(invite, invite.getRequest(), Response.REQUEST_TERMINATED, UserAgentCore.newTag());
    }
  }

  void inDialog(ServerTransaction tx, Request request) {
    String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
    OutboundLegImpl placed = outbound.get(callIdOf(request));
    if (placed != null && placed.fromTag().equals(toTag)) {
      switch (request.getMethod()) {
        case Request.BYE -> placed.onBye(tx, request);
        case Request.INVITE -> placed.onReInvite(tx, request);
        // REFER from a carrier never moves a call we placed: RFC 3515 §2.4.2 lets us decline with 403.
        case Request.REFER -> ua.respond(tx, request, Response.FORBIDDEN, null);
        default -> ua.respond(tx, request, Response.NOT_IMPLEMENTED, null);
      }
      return;
    }
    SipLegImpl leg = legs.get(callIdOf(request));
    if (leg == null || !leg.toTag().equals(toTag)) {
      ua.respond(tx, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
      return;
    }
    leg.confirmIfAnswering();
    switch (request.getMethod()) {
      case Request.BYE -> leg.onBye(tx, request);
      case Request.INVITE -> leg.onReInvite(tx, request);
      case Request.INFO -> leg.onInfo(tx, request);
      case Request.NOTIFY -> leg.onNotify(tx, request);
      // The outbound wall (docs/security.md): a referral is checked and judged, never dialled (IncomingRefer).
      case Request.REFER -> leg.onRefer(tx, request);
      default -> ua.respond(tx, request, Response.NOT_IMPLEMENTED, null);
    }
  }

  void ack(Request ack) {
    SipLegImpl leg = legs.get(callIdOf(ack));
    if (leg != null) {
      leg.onAck();
    }
  }

  private static String callIdOf(Request request) {
    return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
  }
}
