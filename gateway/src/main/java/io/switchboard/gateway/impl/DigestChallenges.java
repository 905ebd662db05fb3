package io.switchboard.gateway.impl;

import io.switchboard.gateway.DigestCredentials;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import java.text.ParseException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.message.Request;

/**
 * Digest authentication of INVITEs as a server (RFC 3261 §22.2). Nonces are random, remembered for a short time and
 * used once, right or wrong, so a captured Authorization header cannot be replayed and each guess costs a challenge. Thread-safe: verified on the stack threads.
 */
final class DigestChallenges {

  enum Verdict { OK, MISSING, STALE, WRONG }

  /** A caller answers a challenge within a round trip; 30 s leaves room for slow carriers. */
  static final Duration NONCE_LIFETIME = Duration.ofSeconds(30);
  /** Bounds the memory an unauthenticated flood of INVITEs can make us hold. */
  static final int MAX_OUTSTANDING = 10_000;

  private final Map<String, Long> nonceExpiry = new ConcurrentHashMap<>();
  private final AddressFactory addresses = new AddressFactoryImpl();
  private final LongSupplier clock;

  DigestChallenges() {
    this(System::nanoTime);
  }

  /** @param clock nanoseconds, as {@link System#nanoTime()}: a test's clock can let a nonce expire */
  DigestChallenges(LongSupplier clock) {
    this.clock = clock;
  }

  /** A new nonce, valid for {@link #NONCE_LIFETIME}. */
  String newNonce() {
    long now = clock.getAsLong();
    if (nonceExpiry.size() >= MAX_OUTSTANDING) {
      purgeExpired(now);
      if (nonceExpiry.size() >= MAX_OUTSTANDING) {
        // Still full: the oldest entries go first (iteration order is arbitrary but any eviction bounds memory).
        Iterator<String> it = nonceExpiry.keySet().iterator();
        for (int i = 0; i < MAX_OUTSTANDING / 10 && it.hasNext(); i++) {
          it.next();
          it.remove();
        }
      }
    }
    String nonce = Digest.randomHex(16);
    nonceExpiry.put(nonce, now + NONCE_LIFETIME.toNanos());
    return nonce;
  }

  private void purgeExpired(long now) {
    nonceExpiry.values().removeIf(expiry -> expiry - now < 0);
  }

  Verdict verify(Request request, DigestCredentials credentials) {
    AuthorizationHeader auth = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
    if (auth == null || !"Digest".equalsIgnoreCase(auth.getScheme())) {
      return Verdict.MISSING;
    }
    String nonce = auth.getNonce();
    if (nonce == null) {
      return Verdict.WRONG;
    }
    // Single use, whatever the outcome: a wrong answer cannot be followed by another guess on the same nonce, and a
    // right one cannot be replayed. A used or expired nonce gets a fresh challenge with stale=true (RFC 2617 §3.2.1).
    Long expiry = nonceExpiry.remove(nonce);
    if (expiry == null || expiry - clock.getAsLong() < 0) {
      return Verdict.STALE;
    }
    String algorithm = auth.getAlgorithm();
    if (algorithm != null && !algorithm.equalsIgnoreCase("MD5")) {
      return Verdict.WRONG;
    }
    if (!credentials.username().equals(auth.getUsername()) || !credentials.realm().equals(auth.getRealm())) {
      return Verdict.WRONG;
    }
    // RFC 2617 §3.2.2.5 wants the digest-uri to name the Request-URI. Some UAs (SIPp among them) put only
    // sip:host:port there, so we require the same scheme and host; replay is already prevented by single-use nonces.
    String uri = auth.getURI() == null ? null : auth.getURI().toString();
    if (!namesSameHost(uri, request.getRequestURI())) {
      return Verdict.WRONG;
    }
    String qop = auth.getQop();
    if (qop != null && !qop.equals("auth")) {
      return Verdict.WRONG;
    }
    String nc = qop == null ? null : String.format("%08x", auth.getNonceCount());
    String expected = Digest.response(credentials.username(), credentials.realm(), credentials.password(),
        request.getMethod(), uri, nonce, qop, nc, auth.getCNonce());
    if (!Digest.equal(expected, auth.getResponse())) {
      return Verdict.WRONG;
    }
    return Verdict.OK;
  }

  private boolean namesSameHost(String digestUri, URI requestUri) {
    if (digestUri == null) {
      return false;
    }
    if (digestUri.equals(requestUri.toString())) {
      return true;
    }
    try {
      // The stack hands the digest-uri over unparsed (a GenericURI): parse it as the SIP URI it should be.
      return addresses.createURI(digestUri) instanceof SipURI d && requestUri instanceof SipURI r
          && d.getScheme().equalsIgnoreCase(r.getScheme()) && d.getHost().equalsIgnoreCase(r.getHost());
    } catch (ParseException e) {
      return false;
    }
  }

  int outstanding() {
    return nonceExpiry.size();
  }
}
