package io.switchboard.media.impl;

import io.switchboard.media.RtpConfig;
import io.switchboard.media.RtpLeg;
import io.switchboard.media.RtpPorts;
import io.switchboard.media.RtpReception;
import io.switchboard.media.impl.net.MediaSockets;
import io.switchboard.media.impl.net.PollingLoops;
import io.switchboard.media.impl.rtp.ReceptionStats;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Hands out even ports of the configured range, round robin, skipping ports in use here or by others. */
public final class RtpPortsImpl implements RtpPorts {
  private final Vertx vertx;
  private final RtpConfig config;
  private final Context context;
  private final Set<Integer> used = ConcurrentHashMap.newKeySet();
  private final Map<String, RtpLegImpl> legs = new ConcurrentHashMap<>();
  private final AtomicInteger next;
  /** The legs' own event loops, made on the first allocation; null on Vert.x's. */
  private PollingLoops loops;
  /** Receiver statistics of the legs already closed, so the totals never go down. */
  private final LongAdder closedExpected = new LongAdder();
  private final LongAdder closedLost = new LongAdder();
  private final int slots;
  /** Ports tried per allocation before giving up (each failed bind is one system call). */
  private static final int MAX_ATTEMPTS = 512;

  public RtpPortsImpl(Vertx vertx, RtpConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.context = vertx.getOrCreateContext();
    int first = config.minPort() + (config.minPort() & 1);
    this.slots = Math.max(1, (config.maxPort() - first) / 2 + 1);
    // Start anywhere in the range: another process on this host (a second server, a media relay, a test run) may
    // hold a block of ports at its start, and a fixed start would make every allocation walk through it.
    this.next = new AtomicInteger(java.util.concurrent.ThreadLocalRandom.current().nextInt(slots));
  }

  @Override
  public Future<RtpLeg> allocate() {
    return tryBind(0);
  }

  private Future<RtpLeg> tryBind(int attempt) {
    if (attempt >= Math.min(slots, MAX_ATTEMPTS) || used.size() >= slots) {
      return Future.failedFuture("no free RTP port in " + config.minPort() + ".." + config.maxPort());
    }
    int first = config.minPort() + (config.minPort() & 1);
    int port = first + 2 * Math.floorMod(next.getAndIncrement(), slots);
    if (!used.add(port)) {
      return tryBind(attempt + 1);
    }
    DatagramSocketOptions options = new DatagramSocketOptions()
        .setIpV6(config.bindHost().contains(":"));
    io.vertx.core.Promise<RtpLeg> bound = io.vertx.core.Promise.promise();
    Context legContext = legContext();
    legContext.runOnContext(v -> {
      DatagramSocket socket = MediaSockets.create(vertx, options, config.receiveBufferBytes());
      socket.listen(port, config.bindHost()).onComplete(ar -> {
        if (ar.succeeded()) {
          RtpLegImpl leg = new RtpLegImpl(vertx, legContext, socket, config.announcedAddress(), port,
              this::released);
          legs.put(leg.id(), leg);
          bound.complete(leg);
        } else {
          used.remove(port);
          socket.close();
          tryBind(attempt + 1).onComplete(bound);
        }
      });
    });
    return bound.future();
  }

  /**
   * A fresh event-loop context per leg, so Vert.x spreads the legs (their socket and packet path) over its event
   * loops round robin. Legs that all shared this allocator's one context put every caller's packets on one thread:
   * with the WebRTC port's loop, two threads carried all media and one core saturated near 150 calls
   * (docs/performance.md). -Dswitchboard.media.legsOnOneLoop=true restores that, for before/after measurements.
   */
  private Context legContext() {
    if (Boolean.getBoolean("switchboard.media.legsOnOneLoop")) {
      return context;
    }
    PollingLoops own = mediaLoops();
    if (own != null) {
      return own.context();
    }
    return vertx instanceof VertxInternal internal ? internal.createEventLoopContext() : context;
  }

  /**
   * Loops of the trunk legs' own (one per core, sleeping in the kernel between datagrams), made on first use. On
   * Vert.x's event loops the legs shared threads with the gateway, the call center, HTTP and the store's callbacks:
   * under an INVITE flood the admitted calls' set-up work queued the live calls' packets behind it, seconds of
   * delay at 20 calls (docs/reliability.md, floods against live calls). -Dswitchboard.media.onVertxLoops=true
   * restores Vert.x's loops, for before/after measurements.
   */
  private synchronized PollingLoops mediaLoops() {
    if (loops == null && !Boolean.getBoolean("switchboard.media.onVertxLoops")) {
      loops = PollingLoops.create(vertx, Runtime.getRuntime().availableProcessors(), "switchboard-rtp", 0);
    }
    return loops;
  }

  private void released(RtpLegImpl leg) {
    if (legs.remove(leg.id()) != null) {
      closedExpected.add(leg.reception().expected());
      closedLost.add(leg.reception().lost());
    }
    used.remove(leg.localPort());
  }

  @Override
  public int openLegs() {
    return legs.size();
  }

  @Override
  public RtpReception reception() {
    long expected = 0;
    long lost = 0;
    int receiving = 0;
    double maxJitter = 0;
    double jitterSum = 0;
    for (RtpLegImpl leg : legs.values()) {
      ReceptionStats stats = leg.reception();
      long e = stats.expected();
      if (e == 0) {
        continue;
      }
      receiving++;
      expected += e;
      lost += stats.lost();
      maxJitter = Math.max(maxJitter, stats.jitterMillis());
      jitterSum += stats.jitterMillis();
    }
    return new RtpReception(closedExpected.sum() + expected, closedLost.sum() + lost, receiving, expected, lost,
        maxJitter, receiving == 0 ? 0 : jitterSum / receiving);
  }

  @Override
  public Future<Void> close() {
    return Future.all(new ArrayList<>(legs.values()).stream().map(RtpLegImpl::close).toList()).mapEmpty()
        .compose(v -> {
          PollingLoops own;
          synchronized (this) {
            own = loops;
            loops = null;
          }
          return own == null ? Future.<Void>succeededFuture() : own.close();
        });
  }
}
