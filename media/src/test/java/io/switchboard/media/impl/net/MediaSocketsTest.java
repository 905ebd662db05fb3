package io.switchboard.media.impl.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The media socket keeps the kernel buffer it was asked for and reads each datagram into a small buffer. */
class MediaSocketsTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void kernelBufferAsConfiguredAndReadBufferDatagramSized() throws Exception {
    DatagramSocket socket = MediaSockets.create(vertx, new DatagramSocketOptions(), 1 << 16);
    socket.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Channel channel = DatagramSender.channelOf(socket);

    // Linux doubles what was asked (for its bookkeeping); 64 kB is under every kernel's rmem_max.
    assertThat(MediaSockets.receiveBufferBytes(socket)).isGreaterThanOrEqualTo(1 << 16);
    // What Vert.x did with setReceiveBufferSize: a read buffer of the kernel buffer's size, per datagram.
    assertThat(channel.config().getRecvByteBufAllocator().newHandle().guess()).isEqualTo(MediaSockets.MAX_DATAGRAM);

    // A datagram as large as a WebRTC one arrives whole.
    byte[] sent = new byte[1400];
    ThreadLocalRandom.current().nextBytes(sent);
    CompletableFuture<Buffer> received = new CompletableFuture<>();
    socket.handler(p -> received.complete(p.data()));
    try (java.net.DatagramSocket client = new java.net.DatagramSocket()) {
      client.send(new DatagramPacket(sent, sent.length,
          new InetSocketAddress("127.0.0.1", socket.localAddress().port())));
      assertThat(received.get(10, TimeUnit.SECONDS).getBytes()).isEqualTo(sent);
    }
  }

  @Test
  void aBufferCappedByTheKernelIsNoticed() {
    // Linux reports twice what it granted: 2 x 208 kB granted of 4 MB asked is capped, 2 x 4 MB is not.
    assertThat(MediaSockets.warnIfCapped(4 << 20, 425_984)).isTrue();
    assertThat(MediaSockets.warnIfCapped(4 << 20, 8 << 20)).isFalse();
    assertThat(MediaSockets.warnIfCapped(4 << 20, -1)).isFalse();
  }

  @Test
  void refusesAReceiveBufferSizeInTheOptions() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            MediaSockets.create(vertx, new DatagramSocketOptions().setReceiveBufferSize(1 << 20), 1 << 20))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
