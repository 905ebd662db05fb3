package io.switchboard.media.impl.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;

/**
 * Bytes in, bytes out: the DTLS stack reads records that the packet path queued and hands records to send to a
 * callback. No socket here, so two stacks can be wired back to back in a test.
 */
final class QueuedDatagramTransport implements DatagramTransport {
  /** Path MTU minus IP/UDP headers; conservative for tunnels. */
  private static final int SEND_LIMIT = 1200;
  private static final int RECEIVE_LIMIT = 1500;
  private static final byte[] CLOSED = new byte[0];

  private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(64);
  private final Consumer<byte[]> outbound;
  private volatile boolean closed;

  QueuedDatagramTransport(Consumer<byte[]> outbound) {
    this.outbound = outbound;
  }

  /** Queues a received record; false when the queue is full (the packet is dropped, DTLS retransmits). */
  boolean offer(byte[] record) {
    return !closed && inbound.offer(record);
  }

  boolean hasQueued() {
    return !inbound.isEmpty();
  }

  @Override
  public int getReceiveLimit() {
    return RECEIVE_LIMIT;
  }

  @Override
  public int getSendLimit() {
    return SEND_LIMIT;
  }

  @Override
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    if (closed) {
      return -1;
    }
    byte[] record;
    try {
      record = waitMillis <= 0 ? inbound.poll() : inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("DTLS receive interrupted");
    }
    if (record == null || record == CLOSED) {
      return -1;
    }
    int n = Math.min(len, record.length);
    System.arraycopy(record, 0, buf, off, n);
    return n;
  }

  @Override
  public void send(byte[] buf, int off, int len) {
    if (!closed) {
      byte[] copy = new byte[len];
      System.arraycopy(buf, off, copy, 0, len);
      outbound.accept(copy);
    }
  }

  @Override
  public void close() {
    closed = true;
    inbound.clear();
    inbound.offer(CLOSED);
  }
}
