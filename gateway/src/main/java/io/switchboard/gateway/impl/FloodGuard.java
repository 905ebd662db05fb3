package io.switchboard.gateway.impl;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.gateway.SipEdgeConfig;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import javax.sip.message.Request;

/**
 * Decides, per request and before the stack keeps any state for it, whether the edge can afford it.
 *
 * <ul>
 *   <li>ACK and CANCEL always pass, and requests inside a dialog (To tag) from a trunk's address: they end or keep
 *       up calls we carry. A stranger's in-dialog requests spend its request bucket like OPTIONS.</li>
 *   <li>New INVITEs spend a token of their source's INVITE bucket. Without one, a trunk's source gets 503 with
 *       Retry-After (RFC 3261 §21.5.4: a carrier retries elsewhere or later), any other source nothing at all (a
 *       scanner learns nothing, and we send no traffic toward a spoofed address). With one, and
 *       {@code maxCalls} calls already being set up or up, 503 too.</li>
 *   <li>Other requests outside a dialog (OPTIONS, REGISTER, probes) spend a token of their source's request bucket;
 *       without one they are dropped.</li>
 * </ul>
 *
 * <p>Thread-safe; runs on the stack's threads. Buckets of sources that went quiet are forgotten, and the number of
 * remembered sources is bounded, so a flood from many spoofed addresses cannot grow memory without limit.
 */
final class FloodGuard {

  enum Verdict { PASS, DROP, BUSY }

  /** Sources remembered per bucket kind; past this, idle ones are forgotten, then newcomers share one bucket. */
  static final int MAX_SOURCES = 20_000;

  private final SipEdgeConfig config;
  private final Predicate<InetAddress> trunkSource;
  private final IntSupplier callsInProgress;
  private final GatewayCounters counters;
  private final LongSupplier clock;
  private final Map<InetAddress, TokenBucket> inviteBuckets = new ConcurrentHashMap<>();
  private final Map<InetAddress, TokenBucket> requestBuckets = new ConcurrentHashMap<>();
  private final TokenBucket overflowInvites;
  private final TokenBucket overflowRequests;
  /** When idle buckets were last forgotten: at most once a second, so a spoofed flood cannot make every packet scan. */
  private volatile long lastPurge;

  FloodGuard(SipEdgeConfig config, Predicate<InetAddress> trunkSource, IntSupplier callsInProgress,
      GatewayCounters counters, LongSupplier clock) {
    this.config = config;
    this.trunkSource = trunkSource;
    this.callsInProgress = callsInProgress;
    this.counters = counters;
    this.clock = clock;
    long now = clock.getAsLong();
    this.overflowInvites = new TokenBucket(config.invitesPerSecondPerSource(), config.inviteBurstPerSource(), now);
    this.overflowRequests = new TokenBucket(config.requestsPerSecondPerSource(), config.requestBurstPerSource(),
        now);
  }

  Verdict admit(SIPRequest request, InetAddress source) {
    String method = request.getMethod();
    if (method.equals(Request.ACK) || method.equals(Request.CANCEL) || source == null) {
      return Verdict.PASS;
    }
    long now = clock.getAsLong();
    if (request.getToTag() != null) {
      // Our dialogs are with trunks: theirs always pass. A stranger's "in-dialog" request is a forgery or a scan
      // (it can only get 481) and spends its request bucket, so a flood of fake BYEs builds no transactions.
      if (trunkSource.test(source) || bucket(requestBuckets, overflowRequests, source, now, false).take(now)) {
        return Verdict.PASS;
      }
      counters.increment("dropped_rate_request");
      return Verdict.DROP;
    }
    if (method.equals(Request.INVITE)) {
      if (!bucket(inviteBuckets, overflowInvites, source, now, true).take(now)) {
        counters.increment("rejected_rate_invite");
        return trunkSource.test(source) ? Verdict.BUSY : Verdict.DROP;
      }
      if (callsInProgress.getAsInt() >= config.maxCalls()) {
        counters.increment("rejected_capacity");
        return Verdict.BUSY;
      }
      return Verdict.PASS;
    }
    if (!bucket(requestBuckets, overflowRequests, source, now, false).take(now)) {
      counters.increment("dropped_rate_request");
      return Verdict.DROP;
    }
    return Verdict.PASS;
  }

  int retryAfterSeconds() {
    return (int) Math.max(1, config.retryAfter().toSeconds());
  }

  /** Sources currently remembered (for debug state and the memory-bound test). */
  int trackedSources() {
    return inviteBuckets.size() + requestBuckets.size();
  }

  private TokenBucket bucket(Map<InetAddress, TokenBucket> buckets, TokenBucket overflow, InetAddress source,
      long now, boolean invites) {
    TokenBucket existing = buckets.get(source);
    if (existing != null) {
      return existing;
    }
    if (buckets.size() >= MAX_SOURCES) {
      if (now - lastPurge > 1_000_000_000L) {
        lastPurge = now;
        buckets.values().removeIf(b -> b.idle(now));
      }
      if (buckets.size() >= MAX_SOURCES) {
        return overflow;
      }
    }
    return buckets.computeIfAbsent(source, s -> invites
        ? new TokenBucket(config.invitesPerSecondPerSource(), config.inviteBurstPerSource(), now)
        : new TokenBucket(config.requestsPerSecondPerSource(), config.requestBurstPerSource(), now));
  }
}
