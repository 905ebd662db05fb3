package io.switchboard.server.store;

/**
 * Which voicemails to read, newest first ({@code _id} descending). Every criterion is optional (null).
 *
 * @param status     one of {@link Voicemails#STATUSES}
 * @param mailbox    the mailbox (a queue's or an agent's)
 * @param from       the caller's E.164 number
 * @param customerId the known caller
 * @param afterId    the last id of the previous page
 * @param limit      at most this many, 1 or more
 */
public record VoicemailQuery(String status, String mailbox, String from, String customerId, String afterId,
                             int limit) {

  public VoicemailQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }
}
