package io.switchboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A wire tap between the synthetic agents and the server's one WebRTC port. The server announces the tap's address
 * as its ICE candidate; the tap relays every datagram both ways, one upstream socket per agent so the server still
 * sees one source address per session, and reads the RTP header of what the server sends: SRTP leaves the header
 * in the clear (RFC 3711 §3.1), so sequence numbers and timestamps give loss and jitter without touching the
 * peer's keys or code. One thread, no allocation per packet.
 */
final class MediaTap implements AutoCloseable {
  private static final int RTP_CLOCK_RATE = 8000;
  private static final int STUN_HEADER = 20;
  private static final int STUN_USERNAME = 0x0006;

  private final Selector selector;
  private final DatagramChannel front;
  private final InetSocketAddress server;
  private final Map<SocketAddress, Flow> flows = new HashMap<>();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
  private final Thread thread;
  private final long startNanos = System.nanoTime();
  private volatile boolean closed;
  private long droppedSendBufferFull;

  private MediaTap(Selector selector, DatagramChannel front, InetSocketAddress server) {
    this.selector = selector;
    this.front = front;
    this.server = server;
    this.thread = new Thread(this::loop, "media-tap");
    thread.setDaemon(true);
  }

  /** A tap listening on {@code listen} and relaying to {@code server}. */
  static MediaTap start(InetSocketAddress listen, InetSocketAddress server, int bufferBytes) {
    try {
      Selector selector = Selector.open();
      DatagramChannel front = DatagramChannel.open();
      front.setOption(StandardSocketOptions.SO_RCVBUF, bufferBytes);
      front.setOption(StandardSocketOptions.SO_SNDBUF, bufferBytes);
      front.bind(listen);
      front.configureBlocking(false);
      MediaTap tap = new MediaTap(selector, front, server);
      front.register(selector, SelectionKey.OP_READ, null);
      tap.thread.start();
      return tap;
    } catch (IOException e) {
      throw new UncheckedIOException("media tap cannot listen on " + listen, e);
    }
  }

  /** What passed for each agent, by the agent's ICE ufrag. Call after {@link #close()}. */
  Map<String, AgentMediaStats> byAgentUfrag() {
    Map<String, AgentMediaStats> out = new HashMap<>();
    for (Flow flow : flows.values()) {
      if (flow.agentUfrag != null) {
        out.put(flow.agentUfrag, new AgentMediaStats(flow.rtpFromServer, flow.rtpToServer, List.copyOf(flow.streams)));
      }
    }
    return out;
  }

  long droppedSendBufferFull() {
    return droppedSendBufferFull;
  }

  private void loop() {
    while (!closed) {
      try {
        selector.select(100);
        for (SelectionKey key : selector.selectedKeys()) {
          if (key.attachment() == null) {
            drainFront();
          } else {
            drainUpstream((Flow) key.attachment());
          }
        }
        selector.selectedKeys().clear();
      } catch (ClosedSelectorException e) {
        return;
      } catch (IOException e) {
        // UDP: one failed datagram is a lost datagram; the tap keeps relaying.
      }
    }
  }

  private void drainFront() throws IOException {
    while (true) {
      buffer.clear();
      SocketAddress agent = front.receive(buffer);
      if (agent == null) {
        return;
      }
      buffer.flip();
      Flow flow = flows.get(agent);
      if (flow == null) {
        flow = openFlow(agent);
      }
      if (isStun() && flow.agentUfrag == null) {
        flow.agentUfrag = agentUfrag();
      } else if (isRtp()) {
        flow.rtpToServer++;
      }
      if (flow.upstream.write(buffer) == 0) {
        droppedSendBufferFull++;
      }
    }
  }

  private void drainUpstream(Flow flow) throws IOException {
    while (true) {
      buffer.clear();
      if (flow.upstream.receive(buffer) == null) {
        return;
      }
      buffer.flip();
      if (isRtp()) {
        flow.rtpFromServer++;
        flow.onRtp(buffer, System.nanoTime() - startNanos);
      }
      if (front.send(buffer, flow.agent) == 0) {
        droppedSendBufferFull++;
      }
    }
  }

  private Flow openFlow(SocketAddress agent) throws IOException {
    DatagramChannel upstream = DatagramChannel.open();
    upstream.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
    upstream.bind(new InetSocketAddress(server.getAddress(), 0));
    upstream.connect(server);
    upstream.configureBlocking(false);
    Flow flow = new Flow(agent, upstream);
    upstream.register(selector, SelectionKey.OP_READ, flow);
    flows.put(agent, flow);
    return flow;
  }

  /** RFC 7983 §7: first byte 0..3 is STUN. */
  private boolean isStun() {
    return buffer.remaining() >= STUN_HEADER && (buffer.get(0) & 0xff) <= 3;
  }

  /** RFC 7983 §7: 128..191 is RTP or RTCP; RFC 5761 §4: RTCP packet types 192..223 (with the marker bit). */
  private boolean isRtp() {
    if (buffer.remaining() < 12) {
      return false;
    }
    int first = buffer.get(0) & 0xff;
    int type = buffer.get(1) & 0xff;
    return first >= 128 && first <= 191 && (type < 192 || type > 223);
  }

  /** The sender's half of the USERNAME attribute (RFC 8445 §7.2.2: "receiver:sender"), or null. */
  private String agentUfrag() {
    int position = STUN_HEADER;
    while (position + 4 <= buffer.limit()) {
      int type = buffer.getShort(position) & 0xffff;
      int length = buffer.getShort(position + 2) & 0xffff;
      if (position + 4 + length > buffer.limit()) {
        return null;
      }
      if (type == STUN_USERNAME) {
        byte[] value = new byte[length];
        buffer.get(position + 4, value);
        String username = new String(value, StandardCharsets.UTF_8);
        int colon = username.indexOf(':');
        return colon < 0 ? null : username.substring(colon + 1);
      }
      position += 4 + ((length + 3) & ~3);
    }
    return null;
  }

  /** Stops relaying; the figures stay readable. */
  @Override
  public void close() {
    closed = true;
    try {
      thread.join(2000);
      selector.close();
      front.close();
      for (Flow flow : flows.values()) {
        flow.upstream.close();
      }
    } catch (IOException e) {
      // Closing: nothing more to relay.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One agent's media session as seen on the wire. */
  private static final class Flow {
    final SocketAddress agent;
    final DatagramChannel upstream;
    final List<RtpStreamStats> streams = new ArrayList<>();
    String agentUfrag;
    RtpStreamStats current;
    long rtpFromServer;
    long rtpToServer;

    Flow(SocketAddress agent, DatagramChannel upstream) {
      this.agent = agent;
      this.upstream = upstream;
    }

    void onRtp(ByteBuffer rtp, long arrivalNanos) {
      // RFC 3550 §5.1: sequence number at 2, timestamp at 4, SSRC at 8.
      long ssrc = rtp.getInt(8) & 0xffffffffL;
      if (current == null || current.ssrc() != ssrc) {
        current = null;
        for (RtpStreamStats s : streams) {
          if (s.ssrc() == ssrc) {
            current = s;
          }
        }
        if (current == null) {
          current = new RtpStreamStats(ssrc, RTP_CLOCK_RATE);
          streams.add(current);
        }
      }
      current.onPacket(rtp.getShort(2) & 0xffff, rtp.getInt(4) & 0xffffffffL, arrivalNanos);
    }
  }
}
