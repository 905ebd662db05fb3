package io.switchboard.bench;

import io.switchboard.media.testpeer.PeerLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A SIP flood from one or many source addresses (127.0.0.x), on a {@link PeerLoop} of its own so its replies never
 * delay the live calls' media in the harness: new INVITEs to the hotline's number (a call flood, as robocalls or a
 * telephony denial-of-service would send: callers who never hang up) and OPTIONS or REGISTER beside them, spread
 * round-robin over the sources at fixed rates. Each INVITE offers PCMU on an RTP socket of its source, which counts
 * what the server streams to it (the queue's ringback). It answers final non-2xx answers with ACK as a UA must, and
 * never cancels: the calls it gets admitted stay queued until {@link #cancelAdmitted()}. Counts every answer by
 * method and status.
 */
final class SipFlooder implements AutoCloseable {
  private static final long TICK_MILLIS = 10;

  private final PeerLoop loop;
  private final InetSocketAddress server;
  private final String serverText;
  private final String did;
  private final List<Source> sources = new ArrayList<>();
  private final Map<String, Integer> admitted = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
  private final LongAdder retryAfter = new LongAdder();
  private final LongAdder rtpReceived = new LongAdder();
  private final AtomicLong invitesSent = new AtomicLong();
  private final AtomicLong requestsSent = new AtomicLong();
  private final AtomicLong everAdmitted = new AtomicLong();
  private ScheduledFuture<?> ticker;

  SipFlooder(PeerLoop loop, InetSocketAddress server, String did, List<InetAddress> addresses) {
    this.loop = loop;
    this.server = server;
    this.serverText = server.getAddress().getHostAddress() + ":" + server.getPort();
    this.did = did;
    for (int i = 0; i < addresses.size(); i++) {
      sources.add(new Source(i, addresses.get(i)));
    }
  }

  /** Floods until {@link #stop()}: {@code invitesPerSecond} new INVITEs and {@code requestsPerSecond} of {@code method}. */
  synchronized void start(int invitesPerSecond, int requestsPerSecond, String method) {
    double[] due = new double[2];
    int[] next = new int[1];
    long[] serial = new long[1];
    ticker = loop.timers().scheduleAtFixedRate(() -> {
      due[0] += invitesPerSecond * TICK_MILLIS / 1000.0;
      due[1] += requestsPerSecond * TICK_MILLIS / 1000.0;
      for (; due[0] >= 1; due[0]--) {
        Source s = sources.get(next[0]++ % sources.size());
        s.sendInvite(s.index + "-" + serial[0]++);
      }
      for (; due[1] >= 1; due[1]--) {
        Source s = sources.get(next[0]++ % sources.size());
        s.send(SipDatagram.request(method, serverText, s.host, s.sipPort, "f" + s.index + "-" + serial[0]++));
        requestsSent.incrementAndGet();
      }
    }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (ticker != null) {
      ticker.cancel(false);
      ticker = null;
    }
  }

  /** Hangs up every call the flood got admitted (CANCEL), as the flooder going away would end them at last. */
  int cancelAdmitted() {
    int n = 0;
    for (Map.Entry<String, Integer> e : Map.copyOf(admitted).entrySet()) {
      Source s = sources.get(e.getValue());
      s.send(SipDatagram.cancelOrAck("CANCEL", serverText, did, s.host, s.sipPort, s.caller, e.getKey()));
      n++;
    }
    return n;
  }

  /** What was sent and answered so far. */
  Counts counts() {
    Map<String, Long> byAnswer = new TreeMap<>();
    answers.forEach((k, v) -> byAnswer.put(k, v.sum()));
    return new Counts(invitesSent.get(), requestsSent.get(), byAnswer, retryAfter.sum(), everAdmitted.get(),
        admitted.size(), rtpReceived.sum());
  }

  /**
   * @param answers     answers by "METHOD status", e.g. "INVITE 503"
   * @param retryAfter  503s to INVITEs that carried Retry-After
   * @param admitted    INVITEs that got a provisional answer (past the edge's flood guard), ever
   * @param stillQueued of those, without a final answer now
   * @param rtpReceived RTP packets the server streamed to the flood's INVITEs (ringback)
   */
  record Counts(long invitesSent, long requestsSent, Map<String, Long> answers, long retryAfter, long admitted,
      long stillQueued, long rtpReceived) {
    long answered(String methodAndStatus) {
      return answers.getOrDefault(methodAndStatus, 0L);
    }

    long answeredTo(String method) {
      return answers.entrySet().stream().filter(e -> e.getKey().startsWith(method + " "))
          .mapToLong(Map.Entry::getValue).sum();
    }
  }

  @Override
  public void close() {
    stop();
    sources.forEach(Source::close);
  }

  private final class Source {
    final int index;
    final String host;
    final String caller;
    final DatagramChannel sip;
    final DatagramChannel rtp;
    final int sipPort;
    final int rtpPort;

    Source(int index, InetAddress address) {
      this.index = index;
      this.host = address.getHostAddress();
      this.caller = String.format("+4930199%04d", index);
      this.sip = loop.open(new InetSocketAddress(address, 0), 1 << 20, this::onSip);
      this.rtp = loop.open(new InetSocketAddress(address, 0), 1 << 18, (d, l, f) -> rtpReceived.increment());
      try {
        this.sipPort = ((InetSocketAddress) sip.getLocalAddress()).getPort();
        this.rtpPort = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    void sendInvite(String id) {
      send(SipDatagram.invite(serverText, did, host, sipPort, rtpPort, caller, "f" + id));
      invitesSent.incrementAndGet();
    }

    /** On the loop's selector thread. */
    private void onSip(byte[] data, int length, SocketAddress from) {
      SipDatagram answer = SipDatagram.parse(data, length);
      if (answer.status() == 0) {
        return;
      }
      answers.computeIfAbsent(answer.cseqMethod() + " " + answer.status(), k -> new LongAdder()).increment();
      if (!answer.cseqMethod().equals("INVITE")) {
        return;
      }
      String id = answer.callId().substring(0, Math.max(0, answer.callId().indexOf('@')));
      if (answer.status() < 200) {
        if (admitted.putIfAbsent(id, index) == null) {
          everAdmitted.incrementAndGet();
        }
        return;
      }
      admitted.remove(id);
      if (answer.status() == 503 && answer.retryAfter()) {
        retryAfter.increment();
      }
      if (answer.status() >= 300) {
        send(SipDatagram.cancelOrAck("ACK", serverText, did, host, sipPort, caller, id));
      }
    }

    void send(String message) {
      try {
        sip.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.ISO_8859_1)), server);
      } catch (IOException e) {
        // UDP: a datagram the kernel would not take is one more the server never saw.
      }
    }

    void close() {
      loop.close(sip);
      loop.close(rtp);
    }
  }
}
