package io.switchboard.media.impl.net;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategy;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.IntSupplier;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Event loops for media sockets that, while packets keep coming, poll their sockets every few hundred microseconds
 * instead of sleeping in {@code epoll_wait} until the next datagram.
 *
 * <p>Why: at 50 packets a second per call, a loop that blocks in the kernel is woken for almost every datagram,
 * and each wake-up costs a context switch on the loop and a wake-up call on the sender's side (on loopback the
 * sender's {@code sendto} runs it). perf put {@code epoll_wait} and the switches around it at about a quarter of
 * the media loops' time (docs/performance.md). A loop that polls finds several datagrams at a time and, since it
 * never waits in epoll, the sender's delivery wakes no one. After {@link #IDLE_POLLS} empty polls in a row (a few
 * milliseconds without traffic) the loop blocks as usual, so an idle server does not spin.
 *
 * <p>Vert.x contexts are made on these loops ({@link #context}), so sockets, timers and {@code runOnContext} work
 * as on Vert.x's own loops. Tasks from other threads wait for the next poll (at most the poll interval).
 */
public final class PollingLoops {
  /** Empty polls in a row before a loop blocks in the kernel again. */
  static final int IDLE_POLLS = 20;

  private final MultiThreadIoEventLoopGroup group;
  private final VertxInternal vertx;

  private PollingLoops(VertxInternal vertx, int threads, String name, long pollNanos) {
    this.vertx = vertx;
    this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
        NioIoHandler.newFactory(SelectorProvider.provider(), () -> new PollingStrategy(pollNanos)));
  }

  /**
   * {@code threads} polling loops named {@code name-N}, or null when this Vert.x offers no contexts on foreign
   * loops (the caller then uses Vert.x's own).
   */
  public static PollingLoops create(Vertx vertx, int threads, String name, long pollMicros) {
    if (!(vertx instanceof VertxInternal internal)) {
      return null;
    }
    return new PollingLoops(internal, threads, name, TimeUnit.MICROSECONDS.toNanos(pollMicros));
  }

  /** A Vert.x event-loop context on the next loop (round robin). */
  public Context context() {
    EventLoop loop = group.next();
    return vertx.contextBuilder().withThreadingModel(ThreadingModel.EVENT_LOOP).withEventLoop(loop).build();
  }

  public Future<Void> close() {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> done.tryComplete());
    return done.future();
  }

  /** One per loop: polls while traffic flows, blocks after {@link #IDLE_POLLS} empty polls. */
  static final class PollingStrategy implements SelectStrategy {
    private final long pollNanos;
    private int emptyPolls;

    PollingStrategy(long pollNanos) {
      this.pollNanos = pollNanos;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
      int ready = selectNow.get();
      if (ready > 0 || hasTasks) {
        if (ready > 0) {
          emptyPolls = 0;
        }
        return ready;
      }
      if (++emptyPolls > IDLE_POLLS) {
        emptyPolls = 0;
        return SelectStrategy.SELECT;
      }
      LockSupport.parkNanos(pollNanos);
      return selectNow.get();
    }
  }
}
