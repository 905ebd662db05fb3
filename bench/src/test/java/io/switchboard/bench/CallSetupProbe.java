package io.switchboard.bench;

import io.switchboard.media.testpeer.PeerLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One new call from a carrier's address, to tell whether the server sets calls up: the INVITE counts as set up
 * when the call is in the flow with its media flowing, i.e. a 180/183 came and the server's early media (the
 * queue's ringback) reached the offered RTP port. Then it is cancelled. Retransmits the INVITE every 500 ms
 * (RFC 3261 Timer A on loopback) until any answer.
 */
final class CallSetupProbe {
  private static final AtomicInteger SERIAL = new AtomicInteger();

  /** @param finalStatus the final answer that refused the call (503, 403...), 0 when set up or unanswered */
  record Result(boolean setUp, int finalStatus, long millis) {
    String describe() {
      return setUp ? "set up in " + millis + " ms" : finalStatus > 0 ? "refused " + finalStatus : "no answer";
    }
  }

  private CallSetupProbe() {
  }

  static Result attempt(PeerLoop loop, InetAddress from, InetSocketAddress server, String did, Duration timeout)
      throws InterruptedException {
    String serverText = server.getAddress().getHostAddress() + ":" + server.getPort();
    String host = from.getHostAddress();
    String id = "probe" + SERIAL.incrementAndGet();
    String caller = "+4930188" + String.format("%04d", SERIAL.get() % 10000);
    CompletableFuture<Integer> finalAnswer = new CompletableFuture<>();
    CompletableFuture<Void> ringing = new CompletableFuture<>();
    CompletableFuture<Void> media = new CompletableFuture<>();
    DatagramChannel[] sip = new DatagramChannel[1];
    int[] sipPort = new int[1];
    DatagramChannel rtp = loop.open(new InetSocketAddress(from, 0), 1 << 16, (d, l, f) -> media.complete(null));
    sip[0] = loop.open(new InetSocketAddress(from, 0), 1 << 16, (byte[] d, int l, SocketAddress f) -> {
      SipDatagram answer = SipDatagram.parse(d, l);
      if (!answer.cseqMethod().equals("INVITE") || answer.status() == 0) {
        return;
      }
      if (answer.status() >= 180 && answer.status() < 200) {
        ringing.complete(null);
      } else if (answer.status() >= 200) {
        finalAnswer.complete(answer.status());
        if (answer.status() >= 300) {
          send(sip[0], server, SipDatagram.cancelOrAck("ACK", serverText, did, host, sipPort[0], caller, id));
        }
      }
    });
    long start = System.nanoTime();
    ScheduledFuture<?> retransmit = null;
    try {
      sipPort[0] = ((InetSocketAddress) sip[0].getLocalAddress()).getPort();
      int rtpPort = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
      String invite = SipDatagram.invite(serverText, did, host, sipPort[0], rtpPort, caller, id);
      CompletableFuture<Void> anyAnswer = CompletableFuture.anyOf(ringing, finalAnswer).thenApply(x -> null);
      retransmit = loop.timers().scheduleAtFixedRate(() -> {
        if (!anyAnswer.isDone()) {
          send(sip[0], server, invite);
        }
      }, 0, 500, TimeUnit.MILLISECONDS);
      CompletableFuture<Object> outcome = CompletableFuture.anyOf(ringing.thenCombine(media, (a, b) -> "set up"),
          finalAnswer);
      try {
        Object o = outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return o instanceof Integer status ? new Result(status < 300, status < 300 ? 0 : status, millis)
            : new Result(true, 0, millis);
      } catch (TimeoutException e) {
        return new Result(false, 0, timeout.toMillis());
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      if (retransmit != null) {
        retransmit.cancel(false);
      }
      if (!finalAnswer.isDone()) {
        send(sip[0], server, SipDatagram.cancelOrAck("CANCEL", serverText, did, host, sipPort[0], caller, id));
      }
      // Keep the socket a moment for the 487 (and ACK it), then close both.
      loop.timers().schedule(() -> {
        loop.close(sip[0]);
        loop.close(rtp);
      }, 2, TimeUnit.SECONDS);
    }
  }

  private static void send(DatagramChannel channel, InetSocketAddress to, String message) {
    try {
      channel.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.ISO_8859_1)), to);
    } catch (IOException e) {
      // UDP: lost; the retransmission or the timeout covers it.
    }
  }
}
