package io.switchboard.routing.acd.explain;

/**
 * What happened to one member of the queue when a call was dispatched: filtered out (and by which rule), or scored
 * and ranked. Plain strings and numbers, so it serialises to a document as is.
 *
 * @param filteredBy the rule that removed the agent ("state", "skill", "missed"), null when eligible
 * @param detail why, in words ("Not ready: lunch", "english 2 < 3") or the score text ("idle 120 s")
 * @param rank 1-based place in the strategy's ranking, 0 when filtered
 * @param offered whether the call was offered to this agent
 */
public record CandidateVerdict(String agentId, String filteredBy, String detail, double score, int rank,
    boolean offered) {

  public static CandidateVerdict filtered(String agentId, String rule, String detail) {
    return new CandidateVerdict(agentId, rule, detail, 0, 0, false);
  }

  public static CandidateVerdict ranked(String agentId, String scoreText, double score, int rank, boolean offered) {
    return new CandidateVerdict(agentId, null, scoreText, score, rank, offered);
  }

  public boolean eligible() {
    return filteredBy == null;
  }

  public String describe() {
    if (!eligible()) {
      return agentId + ": filtered by " + filteredBy + " (" + detail + ")";
    }
    return agentId + ": rank " + rank + ", " + detail + (offered ? " -> offered" : "");
  }
}
