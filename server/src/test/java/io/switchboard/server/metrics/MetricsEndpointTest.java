package io.switchboard.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.media.testpeer.Await;
import io.switchboard.media.testpeer.WebRtcTestPeer;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} on a real server (demo trunk and queue, embedded MongoDB): a trunk's OPTIONS and INVITEs, a
 * refused INVITE and a cancelled call move the SIP counters and the call gauges, the store's timings fill, and
 * Vert.x's and the JVM's own figures are there; the access rule holds.
 */
class MetricsEndpointTest {

  private static final String DID = "+4930555000";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path dataDir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Vertx vertx;
  private SwitchboardServer server;

  @AfterEach
  void stop() throws Exception {
    try {
      if (server != null) {
        await(server.stop());
      }
    } finally {
      if (vertx != null) {
        await(vertx.close());
      }
    }
  }

  private void start(String... extraArgs) throws Exception {
    PrometheusMeterRegistry registry = ServerMetrics.newRegistry();
    vertx = ServerMetrics.vertx(registry);
    List<String> args = new ArrayList<>(List.of("--http.host=127.0.0.1", "--http.port=0", "--data.dir=" + dataDir,
        "--mongodb.embedded.port=0", "--media.webrtc.bind-host=127.0.0.1", "--media.webrtc.port=0",
        "--media.rtp.bind-host=127.0.0.1", "--sip.bind-host=127.0.0.1", "--sip.port=0",
        "--shutdown.timeout-seconds=5", "--demo.enabled=true"));
    args.addAll(List.of(extraArgs));
    server = await(SwitchboardServer.start(vertx, Config.load(System.getenv(), args), registry));
  }

  @Test
  void sipTrafficAndACallInTheQueue_moveTheCountersAndGauges() throws Exception {
    start();
    PrometheusText before = scrape();
    assertThat(before.value("switchboard_calls_active")).contains(0.0);
    assertThat(before.value("switchboard_queue_calls_waiting", "queue", "support")).contains(0.0);
    assertThat(before.value("switchboard_agents", "state", "ready")).contains(0.0);
    assertThat(before.value("switchboard_draining")).contains(0.0);

    try (SipProbe trunk = new SipProbe(server.sipPort())) {
      String options = trunk.options();
      trunk.await(options, 200, WAIT);
      SipProbe.Invite wrongNumber = trunk.invite("+4930999999");
      wrongNumber.send();
      wrongNumber.ackError(wrongNumber.await(404, WAIT));
      SipProbe.Invite call = trunk.invite(DID);
      call.send();
      String early = call.await(183, WAIT);
      // The carrier's audio: 60 packets of which 6 never arrive (the last of them the 60th: 59 expected, 5 lost),
      // sent in one burst although stamped 20 ms apart.
      trunk.sendRtp(SipProbe.audioPort(early), 60, 6);

      PrometheusText during = awaitScrape(m -> m.value("switchboard_queue_calls_waiting", "queue", "support")
          .orElse(0.0) == 1.0, "the call waiting in the support queue");
      assertThat(during.value("switchboard_calls_active")).contains(1.0);
      assertThat(during.value("switchboard_calls_by_phase", "phase", "queued")).contains(1.0);
      assertThat(during.value("switchboard_sip_requests_total", "method", "OPTIONS")).contains(1.0);
      assertThat(during.value("switchboard_sip_requests_total", "method", "INVITE")).contains(2.0);
      assertThat(during.value("switchboard_sip_responses_total", "method", "OPTIONS", "code", "200")).contains(1.0);
      assertThat(during.value("switchboard_sip_responses_total", "method", "INVITE", "code", "404")).contains(1.0);
      assertThat(during.value("switchboard_sip_responses_total", "method", "INVITE", "code", "183")).isPresent();
      assertThat(during.value("switchboard_sip_rejected_total", "reason", "did")).contains(1.0);
      assertThat(during.value("switchboard_sip_events_total", "event", "invites_accepted")).contains(1.0);
      assertThat(during.value("switchboard_trunk_rtp_legs_active")).contains(1.0);
      PrometheusText rtp = awaitScrape(m -> m.value("switchboard_rtp_packets_expected_total").orElse(0.0) >= 59,
          "the carrier's RTP to be counted");
      assertThat(rtp.value("switchboard_rtp_packets_expected_total")).contains(59.0);
      assertThat(rtp.value("switchboard_rtp_packets_lost_total")).contains(5.0);
      assertThat(rtp.value("switchboard_rtp_loss_ratio")).hasValueSatisfying(r -> assertThat(r).isBetween(0.08, 0.09));
      // RFC 3550 A.8 over 53 steps of 20 ms (two of 40 ms across the gaps): 20 ms * (1 - (15/16)^53) ≈ 19 ms.
      assertThat(rtp.value("switchboard_rtp_jitter_seconds", "stat", "max")).hasValueSatisfying(j -> assertThat(j)
          .isBetween(0.015, 0.025));

      call.cancel();
      call.ackError(call.await(487, WAIT));
      PrometheusText after = awaitScrape(m -> m.value("switchboard_calls_active").orElse(-1.0) == 0.0,
          "the cancelled call to end");
      assertThat(after.value("switchboard_queue_calls_waiting", "queue", "support")).contains(0.0);
      assertThat(after.value("switchboard_sip_requests_total", "method", "CANCEL")).contains(1.0);
      assertThat(after.value("switchboard_sip_responses_total", "method", "CANCEL", "code", "200")).contains(1.0);
      assertThat(after.value("switchboard_sip_responses_total", "method", "INVITE", "code", "487")).contains(1.0);
      // The call's history record went to MongoDB: its updates were timed.
      assertThat(after.sum("switchboard_store_command_seconds_count", "command", "update", "outcome", "ok"))
          .isGreaterThanOrEqualTo(1.0);
      assertThat(after.find("switchboard_store_command_seconds_bucket", "command", "update")).isNotEmpty();
      // Vert.x's own and the JVM's figures come with ours.
      assertThat(after.sum("vertx_http_server_requests_total")).isGreaterThanOrEqualTo(2.0);
      assertThat(after.find("jvm_memory_used_bytes")).isNotEmpty();
      assertThat(after.find("process_cpu_usage")).isNotEmpty();
    }
  }

  @Test
  void browserMedia_aSessionThatConnectsAndOneWhoseDtlsFails_areCounted() throws Exception {
    start();
    try (WebRtcTestPeer good = WebRtcTestPeer.create();
        WebRtcTestPeer forged = WebRtcTestPeer.create().advertisingWrongFingerprint()) {
      // Generous waits: the first media session of a process loads OpenSSL and benchmarks AES (slow under load);
      // what is checked here is the counting, not the set-up time.
      good.connect(echo(good.createOffer())).get(30, TimeUnit.SECONDS);
      good.startTone(1000);
      assertThat(good.awaitTone(1000, 0.8, Duration.ofSeconds(15)).get(16, TimeUnit.SECONDS)).isGreaterThan(0.8);
      assertThat(scrape().value("switchboard_webrtc_sessions_active")).contains(1.0);

      java.util.concurrent.CompletableFuture<Void> refused = forged.connect(echo(forged.createOffer()));
      org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
          () -> refused.get(30, TimeUnit.SECONDS));
      PrometheusText after = awaitScrape(m -> m.value("switchboard_dtls_failures_total").orElse(0.0) == 1.0,
          "the DTLS failure to be counted");
      assertThat(after.value("switchboard_webrtc_sessions_closed_total", "reason", "dtls_failed")).contains(1.0);
      assertThat(after.value("switchboard_webrtc_sessions_active")).contains(1.0);
    }
  }

  /** {@code POST /api/media/echo}: the server's SDP answer to {@code offer}. */
  private String echo(String offer) throws Exception {
    // The demo agent alice (demo.enabled): the echo test is for signed-in users only.
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.httpPort() + "/api/login")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"alice-demo\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String token = new io.vertx.core.json.JsonObject(login.body()).getString("token");
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.httpPort() + "/api/media/echo")).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/sdp").POST(HttpRequest.BodyPublishers.ofString(offer)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return created.body();
  }

  @Test
  void withAToken_aScrapeWithoutItIsRefusedAndOneWithItServed() throws Exception {
    start("--metrics.token=0123456789abcdef-secret");
    HttpResponse<String> without = get(null);
    assertThat(without.statusCode()).isEqualTo(401);
    assertThat(without.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("Bearer"));
    assertThat(get("Bearer wrong-token-wrong-token").statusCode()).isEqualTo(401);
    HttpResponse<String> with = get("Bearer 0123456789abcdef-secret");
    assertThat(with.statusCode()).isEqualTo(200);
    assertThat(with.headers().firstValue("Content-Type")).contains(MetricsEndpoint.CONTENT_TYPE);
    assertThat(PrometheusText.parse(with.body()).value("switchboard_calls_active")).contains(0.0);
  }

  @Test
  void whenDisabled_thereIsNoEndpoint() throws Exception {
    start("--metrics.enabled=false");
    assertThat(get(null).statusCode()).isEqualTo(404);
  }

  @Test
  void withoutAToken_onlyLoopbackAndPrivateSourcesMayScrape() {
    for (String allowed : List.of("127.0.0.1", "::1", "10.1.2.3", "172.16.0.9", "192.168.1.20", "fd12:3456::1",
        "fe80::1", "169.254.3.4")) {
      assertThat(MetricsEndpoint.privateSource(SocketAddress.inetSocketAddress(9000, allowed))).as(allowed).isTrue();
    }
    for (String refused : List.of("8.8.8.8", "172.32.0.1", "2001:db8::1", "100.64.0.1")) {
      assertThat(MetricsEndpoint.privateSource(SocketAddress.inetSocketAddress(9000, refused))).as(refused).isFalse();
    }
  }

  private PrometheusText awaitScrape(java.util.function.Predicate<PrometheusText> condition, String what)
      throws Exception {
    PrometheusText[] last = new PrometheusText[1];
    Await.until(() -> {
      try {
        last[0] = scrape();
        return condition.test(last[0]);
      } catch (Exception e) {
        return false;
      }
    }, WAIT, what);
    return last[0];
  }

  private PrometheusText scrape() throws Exception {
    HttpResponse<String> response = get(null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return PrometheusText.parse(response.body());
  }

  private HttpResponse<String> get(String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
        + "/metrics")).timeout(Duration.ofSeconds(10)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
