package io.switchboard.routing.flow;

/**
 * An edge of the flow graph, for the validator and the explanation. {@code label} names it in paths
 * ("option 3", "closed", "timeout/invalid").
 */
public record Branch(String label, String target, Kind kind) {

  public enum Kind {
    /** Always taken (play, then next). */
    NEXT,
    /** Decided by the system: hours, new/known, lists. */
    CONDITION,
    /** Chosen by the caller with a digit. */
    CHOICE,
    /** Taken when the caller does not choose (timeout) or keeps choosing wrong: what a silent caller gets. */
    DEFAULT
  }
}
