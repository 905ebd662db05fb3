package io.switchboard.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.DigestCredentials;
import io.switchboard.gateway.FakeRtpPorts;
import io.switchboard.gateway.SipConfig;
import io.switchboard.gateway.SipEdgeConfig;
import io.switchboard.gateway.SipGateway;
import io.switchboard.gateway.TrunkConfig;
import io.switchboard.gateway.torture.FakeTrunk;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Digest brute force against a trunk with credentials, over UDP against the real gateway: guessers are locked out
 * per source and per account, with no challenge (no nonce to guess with) while locked; nonces are single use.
 */
class DigestBruteForceTest {

  private static final DigestCredentials CARRIER = new DigestCredentials("carrier", "s3cret", "switchboard");
  private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
  private static final Duration WAIT = Duration.ofSeconds(5);

  private Vertx vertx;
  private SipGateway gateway;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      await(gateway.close());
    }
    await(vertx.close());
  }

  private void start(int failuresPerSource, int failuresPerAccount) throws Exception {
    vertx = Vertx.vertx();
    TrunkConfig carrier = new TrunkConfig("carrier", List.of("127.0.0.0/8"), Optional.of(CARRIER),
        Optional.empty(), List.of("100"));
    SipEdgeConfig edge = new SipEdgeConfig(100, 100, 100, 100, 100, Duration.ofSeconds(5), failuresPerSource,
        failuresPerAccount, Duration.ofSeconds(30), Duration.ofMinutes(15));
    SipConfig config = new SipConfig("127.0.0.1", 0, List.of("udp"), "127.0.0.1", 65536, 10000,
        Duration.ofSeconds(5));
    gateway = await(SipGateway.start(vertx, config, List.of(carrier), new FakeRtpPorts(),
        leg -> leg.reject(486, "Busy Here"), edge));
  }

  @Test
  void wrongPasswordsFromOneSource_lockItOut_withoutChallenge_whileAnotherSourceStillGetsIn() throws Exception {
    start(3, 100);
    try (FakeTrunk guesser = new FakeTrunk("127.0.0.2", gateway.port())) {
      for (int i = 0; i < 3; i++) {
        assertThat(answerWith(guesser, "guess" + i).status()).isEqualTo(403);
      }
      FakeTrunk.Response locked = send(guesser, null);
      assertThat(locked.status()).as("no challenge while locked out").isEqualTo(403);
      assertThat(locked.header("WWW-Authenticate", null)).isEmpty();
    }
    assertThat(gateway.edgeCounters().rejected("rejected_lockout_source")).isEqualTo(1);
    assertThat(gateway.edgeCounters().rejected("rejected_digest")).isEqualTo(3);

    try (FakeTrunk carrier = new FakeTrunk("127.0.0.1", gateway.port())) {
      assertThat(answerWith(carrier, CARRIER.password()).status()).as("authenticated, then busy").isEqualTo(486);
    }
  }

  @Test
  void wrongPasswordsFromManySources_lockTheAccount() throws Exception {
    start(100, 3);
    for (String ip : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4")) {
      try (FakeTrunk guesser = new FakeTrunk(ip, gateway.port())) {
        assertThat(answerWith(guesser, "wrong").status()).isEqualTo(403);
      }
    }
    try (FakeTrunk carrier = new FakeTrunk("127.0.0.1", gateway.port())) {
      FakeTrunk.Response response = send(carrier, null);
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.header("WWW-Authenticate", null)).isEmpty();
    }
    assertThat(gateway.edgeCounters().rejected("rejected_lockout_account")).isEqualTo(1);
  }

  @Test
  void replayedAuthorization_getsAFreshChallengeMarkedStale() throws Exception {
    start(5, 20);
    try (FakeTrunk carrier = new FakeTrunk("127.0.0.1", gateway.port())) {
      String nonce = nonceOf(send(carrier, null));
      String authorization = authorization(nonce, CARRIER.password());
      assertThat(send(carrier, authorization).status()).isEqualTo(486);

      FakeTrunk.Response replay = send(carrier, authorization);

      assertThat(replay.status()).isEqualTo(401);
      assertThat(String.join(",", replay.header("WWW-Authenticate", null))).containsIgnoringCase("stale=true");
    }
  }

  /** Gets a challenge, answers it with {@code password}, returns the answer to that. */
  private FakeTrunk.Response answerWith(FakeTrunk trunk, String password) {
    FakeTrunk.Response challenge = send(trunk, null);
    assertThat(challenge.status()).as(challenge.text()).isEqualTo(401);
    return send(trunk, authorization(nonceOf(challenge), password));
  }

  private static String nonceOf(FakeTrunk.Response challenge) {
    Matcher m = NONCE.matcher(String.join(",", challenge.header("WWW-Authenticate", null)));
    assertThat(m.find()).as(challenge.text()).isTrue();
    return m.group(1);
  }

  private static String authorization(String nonce, String password) {
    String uri = "sip:100@127.0.0.1";
    String response = Digest.response(CARRIER.username(), CARRIER.realm(), password, "INVITE", uri, nonce, "auth",
        "00000001", "0a4f113b");
    return "Digest username=\"" + CARRIER.username() + "\", realm=\"" + CARRIER.realm() + "\", nonce=\"" + nonce
        + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=00000001, "
        + "cnonce=\"0a4f113b\"";
  }

  /** A new INVITE (fresh Call-ID and branch), with an Authorization header if given; returns its final answer. */
  private static FakeTrunk.Response send(FakeTrunk trunk, String authorization) {
    String id = UUID.randomUUID().toString();
    String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 40000 RTP/AVP 0\r\n";
    trunk.send("INVITE sip:100@127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + trunk.localPort() + ";branch=z9hG4bK" + id + "\r\n"
        + "From: <sip:caller@127.0.0.1>;tag=" + id.substring(0, 8) + "\r\nTo: <sip:100@127.0.0.1>\r\n"
        + "Call-ID: " + id + "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
        + "Contact: <sip:caller@127.0.0.1:" + trunk.localPort() + ">\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
    FakeTrunk.Response response = trunk.receiveFinal(WAIT);
    assertThat(response).as("answer to the INVITE").isNotNull();
    // Skip retransmitted answers to earlier INVITEs of this socket (we send no ACK).
    while (!response.text().contains(id)) {
      response = trunk.receiveFinal(WAIT);
      assertThat(response).as("answer to the INVITE").isNotNull();
    }
    return response;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
