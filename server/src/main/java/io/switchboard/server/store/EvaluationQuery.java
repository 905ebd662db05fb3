package io.switchboard.server.store;

/**
 * Which evaluations to list, newest first: any filter may be null.
 *
 * @param status "new", "acknowledged" or "disputed"
 */
public record EvaluationQuery(String agentId, String callId, String status, int limit) {

  public EvaluationQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }
}
