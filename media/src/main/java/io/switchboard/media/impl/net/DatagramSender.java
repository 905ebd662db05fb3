package io.switchboard.media.impl.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.internal.buffer.BufferInternal;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
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
 */
public final class DatagramSender {
  private static final Logger LOG = Logger.getLogger(DatagramSender.class.getName());

  private final DatagramSocket socket;
  private final Channel channel;

  private DatagramSender(DatagramSocket socket, Channel channel) {
    this.socket = socket;
    this.channel = channel;
  }

  public static DatagramSender of(DatagramSocket socket) {
    return new DatagramSender(socket, channelOf(socket));
  }

  private static Channel channelOf(DatagramSocket socket) {
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
