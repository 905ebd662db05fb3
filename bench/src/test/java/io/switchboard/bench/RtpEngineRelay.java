package io.switchboard.bench;

import io.switchboard.media.testpeer.PeerLoop;
import io.switchboard.media.testpeer.RtpReception;
import io.switchboard.media.testpeer.WebRtcTestPeer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Debian's rtpengine in userspace ({@code --table=-1}: no kernel forwarding) relaying the same media as our server
 * does for a call: a WebRTC side (our test peer: ICE, DTLS-SRTP, rtcp-mux, 440 Hz with send-time markers) and a
 * plain RTP side (the harness's carrier media: 1 kHz PCMU), per call one {@code offer} (the WebRTC peer's SDP,
 * turned into RTP/AVP for the carrier) and one {@code answer} (the carrier's RTP/AVP, turned back into DTLS-SRTP
 * with ICE for the peer). Measures rtpengine's CPU (/proc) over a steady window against the packets it forwarded.
 */
final class RtpEngineRelay {
  private static final int PORT_MIN = 30000;
  private static final int PORT_MAX = 39999;

  private RtpEngineRelay() {
  }

  /** Runs {@code calls} relayed calls for {@code seconds} (after {@code warmup}) and returns the figures. */
  static JsonObject run(int calls, Duration warmup, Duration window, Path work) throws Exception {
    int ngPort = freeUdpPort();
    Path log = work.resolve("rtpengine-" + System.nanoTime() + ".log");
    Process engine = new ProcessBuilder("rtpengine", "--config-file=none", "--table=-1", "--interface=127.0.0.1",
        "--listen-ng=127.0.0.1:" + ngPort, "--foreground", "--log-stderr", "--log-level=4",
        "--port-min=" + PORT_MIN, "--port-max=" + PORT_MAX, "--num-threads=2", "--delete-delay=0")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PeerLoop loop = PeerLoop.create("bench-peer", 2);
    List<WebRtcTestPeer> peers = new ArrayList<>();
    try (RtpEngineControl control = new RtpEngineControl(new InetSocketAddress("127.0.0.1", ngPort));
        CarrierMedia carrier = CarrierMedia.open(loop, calls)) {
      awaitReady(control, engine, log);
      List<CompletableFuture<Void>> connected = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        WebRtcTestPeer peer = WebRtcTestPeer.create(loop).markingSendTimes();
        peers.add(peer);
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("command", "offer");
        offer.put("call-id", "bench-" + i);
        offer.put("from-tag", "agent-" + i);
        offer.put("sdp", peer.createOffer());
        offer.put("transport-protocol", "RTP/AVP");
        offer.put("ICE", "remove");
        offer.put("rtcp-mux", List.of("demux"));
        control.call(offer);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("command", "answer");
        answer.put("call-id", "bench-" + i);
        answer.put("from-tag", "agent-" + i);
        answer.put("to-tag", "carrier-" + i);
        answer.put("sdp", carrierAnswer(carrier.ports().get(i)));
        String toPeer = (String) control.call(answer).get("sdp");
        connected.add(peer.connect(toPeer).thenRun(() -> peer.startTone(BenchAgent.AGENT_TONE_HZ)));
      }
      CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      Thread.sleep(warmup.toMillis());
      peers.forEach(p -> p.reception().reset());
      long packetsBefore = received(peers) + carrier.rtpReceived();
      double cpuBefore = ProcStat.processCpuMillis(engine.pid());
      long start = System.nanoTime();
      Thread.sleep(window.toMillis());
      double cpuAfter = ProcStat.processCpuMillis(engine.pid());
      double seconds = (System.nanoTime() - start) / 1e9;
      long packets = received(peers) + carrier.rtpReceived() - packetsBefore;
      List<RtpReception.Summary> toPeer = peers.stream().map(p -> p.reception().summary()).toList();
      long delays = toPeer.stream().mapToLong(s -> s.delaysMicros().length).sum();
      double cpuMs = cpuAfter - cpuBefore;
      return new JsonObject()
          .put("server", "rtpengine (userspace, --table=-1)")
          .put("calls", calls)
          .put("windowSeconds", LoadReport.round(seconds, 2))
          .put("cpuMs", LoadReport.round(cpuMs, 1))
          .put("forwardedPackets", packets)
          .put("cpuMicrosPerForwardedPacket", packets == 0 ? null : LoadReport.round(1000 * cpuMs / packets, 2))
          .put("cpuMsPerCallSecond", LoadReport.round(cpuMs / (seconds * calls), 3))
          .put("carrierToPeerMarkedLost", toPeer.stream().mapToLong(RtpReception.Summary::markedLost).sum())
          .put("carrierToPeerReceived", toPeer.stream().mapToLong(RtpReception.Summary::received).sum())
          .put("carrierToPeerDelaySamples", delays);
    } finally {
      peers.forEach(WebRtcTestPeer::close);
      loop.close();
      engine.destroy();
      if (!engine.waitFor(10, TimeUnit.SECONDS)) {
        engine.destroyForcibly();
      }
    }
  }

  private static long received(List<WebRtcTestPeer> peers) {
    return peers.stream().mapToLong(WebRtcTestPeer::rtpReceived).sum();
  }

  /** The carrier's answer: plain RTP, PCMU and DTMF, on its socket for this call. */
  private static String carrierAnswer(int port) {
    String nl = "\r\n";
    return "v=0" + nl + "o=carrier 1 1 IN IP4 127.0.0.1" + nl + "s=-" + nl + "c=IN IP4 127.0.0.1" + nl
        + "t=0 0" + nl + "m=audio " + port + " RTP/AVP 0 101" + nl + "a=rtpmap:0 PCMU/8000" + nl
        + "a=rtpmap:101 telephone-event/8000" + nl + "a=fmtp:101 0-15" + nl + "a=ptime:20" + nl
        + "a=sendrecv" + nl;
  }

  /** Pings until rtpengine answers (it binds its control socket after start-up). */
  private static void awaitReady(RtpEngineControl control, Process engine, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!engine.isAlive()) {
        throw new IllegalStateException("rtpengine exited: " + Files.readString(log));
      }
      try {
        Map<String, Object> ping = new LinkedHashMap<>();
        ping.put("command", "ping");
        control.call(ping);
        return;
      } catch (IOException notYet) {
        // Not listening yet, or still starting.
      }
    }
    throw new IllegalStateException("rtpengine did not answer a ping: " + Files.readString(log));
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }
}
