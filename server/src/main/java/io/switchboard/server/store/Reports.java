package io.switchboard.server.store;

import io.vertx.core.Future;
import java.util.List;

/**
 * The figures a hotline is judged by, computed by MongoDB aggregation pipelines over the call records (and the
 * callback requests), using only stages and operators that the embedded mongo-java-server and a real MongoDB both
 * support. docs/api.md, "Reports", defines every figure.
 */
public interface Reports {

  /** Calls: offered, answered, abandoned, service level, ASA, AHT, CSAT… one row per group and period. */
  Future<List<ReportRow>> calls(ReportQuery query);

  /**
   * Callback requests booked in the range, how many were dialled and reached, by the same group and period as
   * {@link #calls} ({@code queueId}, {@code assignedTo}, the original call's entry point).
   */
  Future<List<ReportRow>> callbacks(ReportQuery query);

  /**
   * First-contact resolution (docs/api.md, "FCR"): each answered call of the range that the agent marked resolved,
   * and whether the same number called again within {@code window} after it; by line (L1, L2, L3: each queue's
   * {@code line}, 1 when not listed in {@code queueLines}) or by the query's dimension.
   */
  Future<List<ReportRow>> firstContact(ReportQuery query, java.time.Duration window,
      java.util.Map<String, Integer> queueLines);

  /** Answered calls of the range whose caller called again within {@code window}, oldest first, at most limit. */
  Future<List<io.vertx.core.json.JsonObject>> repeatContacts(ReportQuery query, java.time.Duration window, int limit);

  /**
   * Announced estimated waits against the real waits that followed (docs/api.md, "EWT accuracy"): answered calls
   * that were told a wait, the mean announced and real wait, the mean and mean absolute error.
   */
  Future<List<ReportRow>> waitEstimates(ReportQuery query);

  /**
   * Rebuilds the hourly roll-ups the calls and announced-wait reports read from every call record (docs/api.md,
   * "Roll-ups"): for records written around the store (an import, a restore); the store keeps them current itself.
   */
  Future<Void> rebuildRollups();

  /** Creates the indexes the pipelines' {@code $match} stages use; creating an existing index is a no-op. */
  Future<Void> ensureIndexes();
}
