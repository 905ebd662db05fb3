package io.switchboard.media.testpeer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that many test peers share, so a thousand of them fit on a small machine next to the server: one
 * selector thread reads every peer's UDP socket, a few timer threads send their packets and poll what they hear,
 * and a pool that grows only while handshakes are running carries BouncyCastle's blocking DTLS. A peer owns its
 * socket (the server tells sessions apart by address) but no thread.
 *
 * <p>{@link #shared()} is the loop of peers created without one; a load generator makes its own with more timer
 * threads. Datagram handlers run on the selector thread and must not block; the buffer they get is reused after
 * they return.
 */
public final class PeerLoop implements AutoCloseable {
  /** Receives one datagram on the selector thread; {@code data} is valid only during the call. */
  public interface DatagramHandler {
    void onDatagram(byte[] data, int length, SocketAddress from);
  }

  /** DTLS handshakes at once per loop. */
  private static final int DTLS_THREADS = 8;
  private static PeerLoop shared;

  private final Selector selector;
  private final Thread io;
  private final ScheduledThreadPoolExecutor timers;
  private final ExecutorService dtlsWorkers;
  private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final ByteBuffer buffer = ByteBuffer.allocate(2048);
  private final AtomicInteger channels = new AtomicInteger();
  private volatile boolean closed;

  private PeerLoop(String name, int timerThreads) throws IOException {
    this.selector = Selector.open();
    AtomicInteger timerIds = new AtomicInteger();
    this.timers = new ScheduledThreadPoolExecutor(timerThreads,
        r -> daemon(r, name + "-timer-" + timerIds.incrementAndGet()));
    timers.setRemoveOnCancelPolicy(true);
    AtomicInteger dtlsIds = new AtomicInteger();
    // BouncyCastle's handshake blocks a thread while it waits for the other side: a bounded pool queues the rest,
    // and its threads go away when no handshake is running.
    ThreadPoolExecutor dtls = new ThreadPoolExecutor(DTLS_THREADS, DTLS_THREADS, 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> daemon(r, name + "-dtls-" + dtlsIds.incrementAndGet()));
    dtls.allowCoreThreadTimeOut(true);
    this.dtlsWorkers = dtls;
    this.io = daemon(this::loop, name + "-io");
    io.start();
  }

  /** The loop of peers made without one: one timer thread, created on first use, never closed. */
  public static synchronized PeerLoop shared() {
    if (shared == null) {
      shared = create("test-peer", 1);
    }
    return shared;
  }

  /** A loop with its own threads, named {@code name-io}, {@code name-timer-N}, {@code name-dtls-N}. */
  public static PeerLoop create(String name, int timerThreads) {
    try {
      return new PeerLoop(name, timerThreads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a non-blocking UDP socket on {@code bind} whose datagrams go to {@code handler}. */
  public DatagramChannel open(InetSocketAddress bind, int receiveBufferBytes, DatagramHandler handler) {
    try {
      DatagramChannel channel = DatagramChannel.open();
      if (receiveBufferBytes > 0) {
        channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
      }
      channel.bind(bind);
      channel.configureBlocking(false);
      pending.add(() -> {
        try {
          channel.register(selector, SelectionKey.OP_READ, handler);
        } catch (ClosedChannelException e) {
          // Closed before it was registered: nothing to read.
        }
      });
      selector.wakeup();
      channels.incrementAndGet();
      return channel;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a UDP socket on " + bind, e);
    }
  }

  /** Closes a socket opened here (its key leaves the selector on the next select). */
  public void close(DatagramChannel channel) {
    try {
      if (channel.isOpen()) {
        channels.decrementAndGet();
      }
      channel.close();
    } catch (IOException e) {
      // Closing: nothing more to read.
    }
    selector.wakeup();
  }

  public ScheduledExecutorService timers() {
    return timers;
  }

  public ExecutorService dtlsWorkers() {
    return dtlsWorkers;
  }

  /** Sockets open on this loop. */
  public int openChannels() {
    return channels.get();
  }

  private void loop() {
    while (!closed) {
      try {
        selector.select();
        Runnable task;
        while ((task = pending.poll()) != null) {
          task.run();
        }
        for (SelectionKey key : selector.selectedKeys()) {
          if (key.isValid()) {
            drain((DatagramChannel) key.channel(), (DatagramHandler) key.attachment());
          }
        }
        selector.selectedKeys().clear();
      } catch (ClosedSelectorException e) {
        return;
      } catch (IOException | RuntimeException e) {
        // One bad datagram or handler must not stop every peer's reading.
      }
    }
  }

  /** Reads until the socket is empty, with a bound so one busy socket cannot starve the others. */
  private void drain(DatagramChannel channel, DatagramHandler handler) {
    for (int i = 0; i < 64; i++) {
      SocketAddress from;
      buffer.clear();
      try {
        from = channel.receive(buffer);
      } catch (IOException e) {
        return;
      }
      if (from == null) {
        return;
      }
      try {
        handler.onDatagram(buffer.array(), buffer.position(), from);
      } catch (RuntimeException e) {
        // The handler's bug is its datagram's loss; keep reading.
      }
    }
  }

  /** Stops the threads (not for {@link #shared()}, which lives as long as the JVM). */
  @Override
  public void close() {
    if (this == shared) {
      return;
    }
    closed = true;
    timers.shutdownNow();
    dtlsWorkers.shutdownNow();
    try {
      selector.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
