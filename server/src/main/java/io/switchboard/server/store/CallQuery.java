package io.switchboard.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Which call history records to read, newest first (by {@code arrivedAt}, then {@code _id}, both descending). Every
 * criterion is optional (null); those given must all hold.
 *
 * @param arrivedFrom    arrived at or after this instant
 * @param arrivedBefore  arrived strictly before this instant
 * @param queueId        {@code queue.id}
 * @param agentId        {@code agent.id}: the agent who answered
 * @param number         equals {@code from} or {@code to}
 * @param outcome        {@code outcome}
 * @param afterArrivedAt with {@code afterId}: the last record of the previous page; only records sorted after it
 * @param afterId        see {@code afterArrivedAt}
 * @param limit          at most this many records, 1 or more
 */
public record CallQuery(Instant arrivedFrom, Instant arrivedBefore, String queueId, String agentId, String number,
                        String outcome, Instant afterArrivedAt, String afterId, int limit) {

  public CallQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if ((afterArrivedAt == null) != (afterId == null)) {
      throw new IllegalArgumentException("afterArrivedAt and afterId go together");
    }
  }

  /** The same criteria, for the page after the record {@code (arrivedAt, id)}. */
  public CallQuery after(Instant arrivedAt, String id) {
    return new CallQuery(arrivedFrom, arrivedBefore, queueId, agentId, number, outcome,
        Objects.requireNonNull(arrivedAt, "arrivedAt"), Objects.requireNonNull(id, "id"), limit);
  }

  /** The same criteria and position with another page size. */
  public CallQuery withLimit(int newLimit) {
    return new CallQuery(arrivedFrom, arrivedBefore, queueId, agentId, number, outcome, afterArrivedAt, afterId,
        newLimit);
  }
}
