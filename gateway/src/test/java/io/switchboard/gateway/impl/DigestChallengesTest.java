package io.switchboard.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.parser.StringMsgParser;
import io.switchboard.gateway.DigestCredentials;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/**
 * Nonce handling of the trunks' digest authentication (RFC 2617 §3.2.1/§3.2.2, RFC 7616 §3.3–3.4): a nonce past
 * its lifetime is stale even under the right password, and a nonce serves one answer only, so a captured
 * Authorization cannot be replayed, neither as it was nor with the next nonce count (nc), and a wrong guess burns
 * its nonce. STALE becomes a fresh 401 with {@code stale=true} ({@code DigestBruteForceTest} checks that on the
 * wire).
 */
class DigestChallengesTest {

  private static final DigestCredentials CARRIER = new DigestCredentials("carrier", "s3cret", "switchboard");

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final DigestChallenges challenges = new DigestChallenges(nanos::get);

  @Test
  void rightAnswerOnAFreshNonce_isAccepted() throws Exception {
    String nonce = challenges.newNonce();

    assertThat(challenges.verify(invite(nonce, "00000001", CARRIER.password()), CARRIER))
        .isEqualTo(DigestChallenges.Verdict.OK);
  }

  @Test
  void nonceOlderThanItsLifetime_isStale_evenWithTheRightPassword() throws Exception {
    String nonce = challenges.newNonce();
    nanos.addAndGet(DigestChallenges.NONCE_LIFETIME.toNanos() + 1);

    assertThat(challenges.verify(invite(nonce, "00000001", CARRIER.password()), CARRIER))
        .isEqualTo(DigestChallenges.Verdict.STALE);
  }

  @Test
  void nonceJustWithinItsLifetime_isStillAccepted() throws Exception {
    String nonce = challenges.newNonce();
    nanos.addAndGet(DigestChallenges.NONCE_LIFETIME.toNanos() - 1);

    assertThat(challenges.verify(invite(nonce, "00000001", CARRIER.password()), CARRIER))
        .isEqualTo(DigestChallenges.Verdict.OK);
  }

  @Test
  void acceptedAnswerReplayed_asItWasOrWithTheNextNonceCount_isStale() throws Exception {
    String nonce = challenges.newNonce();
    Request first = invite(nonce, "00000001", CARRIER.password());
    assertThat(challenges.verify(first, CARRIER)).isEqualTo(DigestChallenges.Verdict.OK);

    assertThat(challenges.verify(invite(nonce, "00000001", CARRIER.password()), CARRIER))
        .isEqualTo(DigestChallenges.Verdict.STALE);
    assertThat(challenges.verify(invite(nonce, "00000002", CARRIER.password()), CARRIER))
        .isEqualTo(DigestChallenges.Verdict.STALE);
  }

  @Test
  void wrongGuess_burnsTheNonce_soTheNextGuessOnItIsStale() throws Exception {
    String nonce = challenges.newNonce();

    assertThat(challenges.verify(invite(nonce, "00000001", "guess1"), CARRIER))
        .isEqualTo(DigestChallenges.Verdict.WRONG);
    assertThat(challenges.verify(invite(nonce, "00000002", CARRIER.password()), CARRIER))
        .isEqualTo(DigestChallenges.Verdict.STALE);
    assertThat(challenges.outstanding()).isZero();
  }

  @Test
  void nonceWeNeverIssued_isStale() throws Exception {
    assertThat(challenges.verify(invite(Digest.randomHex(16), "00000001", CARRIER.password()), CARRIER))
        .isEqualTo(DigestChallenges.Verdict.STALE);
  }

  /** An INVITE answering {@code nonce} with qop=auth and nonce count {@code nc}, computed from {@code password}. */
  private static Request invite(String nonce, String nc, String password) throws Exception {
    String uri = "sip:100@127.0.0.1";
    String cnonce = "0a4f113b";
    String response = Digest.response(CARRIER.username(), CARRIER.realm(), password, "INVITE", uri, nonce, "auth",
        nc, cnonce);
    String text = "INVITE " + uri + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + nonce + nc + "\r\n"
        + "From: <sip:caller@127.0.0.1>;tag=1\r\nTo: <" + uri + ">\r\n"
        + "Call-ID: " + nonce + nc + "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
        + "Authorization: Digest username=\"" + CARRIER.username() + "\", realm=\"" + CARRIER.realm()
        + "\", nonce=\"" + nonce + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=MD5, qop=auth,"
        + " nc=" + nc + ", cnonce=\"" + cnonce + "\"\r\n"
        + "Content-Length: 0\r\n\r\n";
    return (Request) new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false,
        null);
  }
}
