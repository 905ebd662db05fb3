package io.switchboard.media.impl.net;

import io.netty.channel.Channel;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Vert.x datagram sockets for media, with the kernel's receive buffer as configured and a datagram-sized read
 * buffer.
 *
 * <p>Why not {@code DatagramSocketOptions.setReceiveBufferSize}: Vert.x uses that one number for two things, the
 * kernel's {@code SO_RCVBUF} and the size of the buffer Netty allocates for <em>every datagram it reads</em>
 * ({@code FixedRecvByteBufAllocator}). With the 4 MB that the WebRTC port needs in the kernel, each 200-byte RTP
 * packet was read into a freshly allocated and zeroed 4 MB direct buffer (larger than any pool chunk, so never
 * pooled): a third of the whole process's CPU at 100 calls in a {@code perf} profile (docs/performance.md). Here
 * the kernel buffer is set on the channel, and reads use a pooled buffer of {@link #MAX_DATAGRAM} bytes.
 */
public final class MediaSockets {
  private static final Logger LOG = Logger.getLogger(MediaSockets.class.getName());
  /** Whether the capped-buffer warning was given (once per process). */
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  /**
   * The read buffer per datagram. WebRTC keeps datagrams under the path MTU (about 1,200 bytes; DTLS fragments
   * its handshake to fit), SIP trunks' RTP is a few hundred bytes; a larger datagram is truncated and then
   * rejected by the packet checks as malformed.
   */
  public static final int MAX_DATAGRAM = 4096;

  private MediaSockets() {
  }

  /**
   * A datagram socket created on the current context with {@code options} (whose receive buffer size must not be
   * set) and a kernel receive buffer of {@code receiveBufferBytes}.
   */
  public static DatagramSocket create(Vertx vertx, DatagramSocketOptions options, int receiveBufferBytes) {
    if (options.getReceiveBufferSize() != -1) {
      throw new IllegalArgumentException("set the kernel receive buffer through receiveBufferBytes");
    }
    // -Dswitchboard.media.vertxReadBuffer=true keeps Vert.x's behaviour (for before/after measurements).
    if (!Boolean.getBoolean("switchboard.media.vertxReadBuffer")) {
      DatagramSocket socket = vertx.createDatagramSocket(options);
      Channel channel = DatagramSender.channelOf(socket);
      if (channel != null) {
        channel.config().setOption(io.netty.channel.ChannelOption.SO_RCVBUF, receiveBufferBytes);
        channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(MAX_DATAGRAM));
        warnIfCapped(receiveBufferBytes, receiveBufferBytes(socket));
        return socket;
      }
      // Another Vert.x version without the field: correct, only slower.
      LOG.warning("no channel access: the media socket reads through Vert.x's receive-buffer-sized buffers");
      socket.close();
    }
    return vertx.createDatagramSocket(new DatagramSocketOptions(options).setReceiveBufferSize(receiveBufferBytes));
  }

  /**
   * Linux silently caps SO_RCVBUF at {@code net.core.rmem_max} (about 208 kB by default) and reports twice what it
   * granted; a media socket with a small buffer drops packets whenever its loop is late. Said once per process.
   */
  static boolean warnIfCapped(int asked, int reported) {
    if (reported <= 0 || reported >= asked) {
      return false;
    }
    if (WARNED.compareAndSet(false, true)) {
      LOG.warning("the kernel gave media sockets a receive buffer of " + reported / 2 + " bytes, not the "
          + asked + " configured: raise it with 'sysctl -w net.core.rmem_max=" + asked + "' (as root), or "
          + "packets are dropped under load");
    }
    return true;
  }

  /**
   * Lets more sockets bind the same address and port ({@code SO_REUSEPORT}; the kernel then hashes each sender's
   * address to one of them). Must be called before {@code listen}. Returns false when the transport or the
   * system does not offer it; the socket is unchanged then.
   */
  public static boolean reusePort(DatagramSocket socket) {
    Channel channel = DatagramSender.channelOf(socket);
    if (!(channel instanceof io.netty.channel.socket.nio.NioDatagramChannel)) {
      return false;
    }
    try {
      return channel.config().setOption(
          io.netty.channel.socket.nio.NioChannelOption.of(java.net.StandardSocketOptions.SO_REUSEPORT), true);
    } catch (RuntimeException e) {
      // UnsupportedOperationException where the system has no SO_REUSEPORT.
      return false;
    }
  }

  /** The kernel's receive buffer of a socket made here (Linux reports twice what was asked), or -1. */
  public static int receiveBufferBytes(DatagramSocket socket) {
    Channel channel = DatagramSender.channelOf(socket);
    Integer size = channel == null ? null : channel.config().getOption(io.netty.channel.ChannelOption.SO_RCVBUF);
    return size == null ? -1 : size;
  }
}
