package io.switchboard.gateway;

import java.util.Map;

/**
 * What the SIP edge turned away, by reason, since the gateway started: a read-only view for metrics. Reasons are
 * stable names: {@code rejected_source} (403, not a trunk's address), {@code rejected_malformed} (400),
 * {@code rejected_rate_invite} (INVITEs over a source's rate: 503 or dropped), {@code dropped_rate_request}
 * (OPTIONS/REGISTER... over a source's rate), {@code rejected_capacity} (503, calls at {@code maxCalls}),
 * {@code rejected_digest} (403, wrong credentials), {@code rejected_lockout_source} and
 * {@code rejected_lockout_account} (403 while a guesser is locked out), and the others the gateway counts
 * (404 unknown number, 488 codecs...).
 */
public interface SipEdgeCounters {

  /** Every rejection reason seen so far and how often; a snapshot, safe to read from any thread. */
  Map<String, Long> rejectedByReason();

  /** How often one reason happened; 0 if never. */
  long rejected(String reason);
}
