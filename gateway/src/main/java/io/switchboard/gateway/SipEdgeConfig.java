package io.switchboard.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * How the SIP edge defends itself: per-source rate limits, a cap on calls, and the lockout of digest guessers.
 *
 * @param invitesPerSecondPerSource  sustained rate of new INVITEs one source address may send (token bucket refill)
 * @param inviteBurstPerSource       INVITEs one source may send at once before the rate applies (bucket size);
 *                                   beyond it a trunk's source gets 503 with Retry-After, any other source nothing
 * @param requestsPerSecondPerSource sustained rate of other requests outside a dialog (OPTIONS, REGISTER...) per
 *                                   source; beyond its burst they are dropped unanswered
 * @param requestBurstPerSource      burst of those requests
 * @param maxCalls                   calls being set up or up at once; further INVITEs get 503 with Retry-After
 * @param retryAfter                 the Retry-After of those 503s (RFC 3261 §20.33)
 * @param digestFailuresPerSource    wrong digest answers from one address before it is locked out
 * @param digestFailuresPerAccount   wrong digest answers for one trunk account, from anywhere, before it is locked
 * @param lockout                    the first lockout; each further lockout of the same source or account doubles it
 * @param maxLockout                 the longest lockout
 */
public record SipEdgeConfig(double invitesPerSecondPerSource, int inviteBurstPerSource,
    double requestsPerSecondPerSource, int requestBurstPerSource, int maxCalls, Duration retryAfter,
    int digestFailuresPerSource, int digestFailuresPerAccount, Duration lockout, Duration maxLockout) {

  public SipEdgeConfig {
    Objects.requireNonNull(retryAfter, "sip.edge.retry-after-seconds");
    Objects.requireNonNull(lockout, "sip.edge.lockout-seconds");
    Objects.requireNonNull(maxLockout, "sip.edge.max-lockout-seconds");
    positive(invitesPerSecondPerSource, "sip.edge.invites-per-second-per-source");
    positive(inviteBurstPerSource, "sip.edge.invite-burst-per-source");
    positive(requestsPerSecondPerSource, "sip.edge.requests-per-second-per-source");
    positive(requestBurstPerSource, "sip.edge.request-burst-per-source");
    positive(maxCalls, "sip.edge.max-calls");
    positive(digestFailuresPerSource, "sip.edge.digest-failures-per-source");
    positive(digestFailuresPerAccount, "sip.edge.digest-failures-per-account");
    if (retryAfter.isNegative() || retryAfter.toSeconds() < 1) {
      throw new IllegalArgumentException("sip.edge.retry-after-seconds must be at least 1, got " + retryAfter);
    }
    if (lockout.isNegative() || lockout.isZero() || maxLockout.compareTo(lockout) < 0) {
      throw new IllegalArgumentException("sip.edge lockouts must be positive and max-lockout-seconds at least "
          + "lockout-seconds, got " + lockout + " and " + maxLockout);
    }
  }

  private static void positive(double value, String key) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(key + " must be positive, got " + value);
    }
  }

  /**
   * The defaults of {@code switchboard-reference.properties}: a carrier trunk (one address carrying every call) may
   * set up 30 calls a second with bursts of 60, far above the 800-call target's few calls a second.
   */
  public static SipEdgeConfig defaults() {
    return new SipEdgeConfig(30, 60, 10, 20, 1000, Duration.ofSeconds(5), 5, 20, Duration.ofSeconds(30),
        Duration.ofMinutes(15));
  }
}
