package io.switchboard.server.store;

/**
 * Which callback requests to read, oldest first ({@code requestedAt}, then {@code _id}). Every criterion is optional
 * (null).
 *
 * @param status     one of {@link Callbacks#STATUSES}
 * @param queueId    the queue the callback is for
 * @param number     the caller's E.164 number
 * @param assignedTo the agent who has it
 * @param afterId    the last id of the previous page
 * @param limit      at most this many, 1 or more
 */
public record CallbackQuery(String status, String queueId, String number, String assignedTo, String afterId,
                            int limit) {

  public CallbackQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }
}
