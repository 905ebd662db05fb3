package io.switchboard.media.impl.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.nio.AbstractNioChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Sends datagrams of a Vert.x socket to an address that is already resolved, straight on its Netty channel.
 *
 * <p>Why not {@code DatagramSocket.send(Buffer, port, host)}: per packet it resolves the host string through the
 * Vert.x name resolver, allocates a promise and listeners, and hands Netty a heap buffer that Netty copies into a
 * freshly allocated (and freed) direct buffer. Profiling showed that as the largest share of the packet path
 * (docs/performance.md). Here the payload is written once into a pooled direct buffer and sent with the void
 * promise. Vert.x 5 does not expose the channel, so it is read once by reflection; if that ever fails (another
 * Vert.x version) the sender falls back to the public API with the host string computed once per address.
 *
 * <p>With Netty's NIO transport the datagram goes one step further: straight into the JDK channel under Netty's,
 * on the calling thread. A write from another thread (a caller's RTP leg sending SRTP out of the one WebRTC port)
 * would otherwise be queued as a task to the socket's event loop and wake it up: at 200 calls that one loop did
 * every send of every agent and dropped what it received (docs/performance.md). The JDK channel's send is
 * thread-safe and non-blocking; a datagram the kernel has no room for is dropped and counted ({@link #dropped()}),
 * as the network would.
 */
public final class DatagramSender {
  private static final Logger LOG = Logger.getLogger(DatagramSender.class.getName());

  private static final int MAX_DATAGRAM = 2048;
  /** A direct buffer per sending thread: the JDK copies a heap buffer into a temporary direct one anyway. */
  private static final ThreadLocal<ByteBuffer> SCRATCH =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_DATAGRAM));

  private final DatagramSocket socket;
  private final Channel channel;
  private final DatagramChannel javaChannel;
  private final LongAdder dropped = new LongAdder();

  private DatagramSender(DatagramSocket socket, Channel channel) {
    this.socket = socket;
    this.channel = channel;
    this.javaChannel = javaChannelOf(channel);
  }

  public static DatagramSender of(DatagramSocket socket) {
    return new DatagramSender(socket, channelOf(socket));
  }

  /** The JDK channel under Netty's NIO datagram channel, or null (another transport, or no access). */
  private static DatagramChannel javaChannelOf(Channel channel) {
    // -Dswitchboard.media.nettySend=true keeps every send on Netty's channel (for before/after measurements).
    if (Boolean.getBoolean("switchboard.media.nettySend") || !(channel instanceof NioDatagramChannel)) {
      return null;
    }
    try {
      Method method = AbstractNioChannel.class.getDeclaredMethod("javaChannel");
      method.setAccessible(true);
      return method.invoke(channel) instanceof DatagramChannel c ? c : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warning("no JDK channel access (" + e + "); sending through Netty's channel");
      return null;
    }
  }

  /** Whether datagrams go straight into the JDK channel on the calling thread. */
  public boolean onCallingThread() {
    return javaChannel != null;
  }

  /** Datagrams dropped because the socket's send buffer was full (or the send failed). */
  public long dropped() {
    return dropped.sum();
  }

  /** The Netty channel under a Vert.x datagram socket, or null (read once by reflection: Vert.x 5 hides it). */
  static Channel channelOf(DatagramSocket socket) {
    try {
      Field field = socket.getClass().getDeclaredField("channel");
      field.setAccessible(true);
      return field.get(socket) instanceof Channel c ? c : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warning("no direct channel access (" + e + "); sending through DatagramSocket.send");
      return null;
    }
  }

  /** Whether packets go straight to the Netty channel (false: the slower public-API fallback). */
  public boolean direct() {
    return channel != null;
  }

  /** Copies {@code length} bytes once and sends them; never throws (send errors reach the socket's handler). */
  public void send(byte[] bytes, int offset, int length, InetSocketAddress to) {
    if (javaChannel != null && length <= MAX_DATAGRAM) {
      ByteBuffer buffer = SCRATCH.get();
      buffer.clear();
      buffer.put(bytes, offset, length).flip();
      try {
        if (javaChannel.send(buffer, to) == 0) {
          dropped.increment();
        }
      } catch (IOException | RuntimeException e) {
        // UDP: a failed send is a lost datagram (e.g. ICMP port unreachable reported on this socket).
        dropped.increment();
      }
      return;
    }
    if (channel == null) {
      Buffer buffer = Buffer.buffer(length).appendBytes(bytes, offset, length);
      socket.send(buffer, to.getPort(), to.getAddress().getHostAddress());
      return;
    }
    // Pooled explicitly: the channel's default allocator handed out a new unpooled direct buffer per packet.
    ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(length);
    buffer.writeBytes(bytes, offset, length);
    // The channel releases the buffer once written (or dropped); the void promise allocates nothing.
    channel.writeAndFlush(new DatagramPacket(buffer, to), channel.voidPromise());
  }

  /**
   * The bytes of a received datagram's buffer without copying them when it is heap-backed (Vert.x copies each
   * datagram into a fresh heap buffer that the handler owns): {@code window[0]} gets the offset, {@code window[1]}
   * the length. Returns a copy when the buffer has no accessible array.
   */
  public static byte[] arrayOf(Buffer data, int[] window) {
    if (data instanceof BufferInternal internal) {
      ByteBuf buf = internal.getByteBuf();
      if (buf.hasArray()) {
        window[0] = buf.arrayOffset() + buf.readerIndex();
        window[1] = buf.readableBytes();
        return buf.array();
      }
    }
    byte[] copy = data.getBytes();
    window[0] = 0;
    window[1] = copy.length;
    return copy;
  }
}
