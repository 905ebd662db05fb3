package io.switchboard.signaling;

import java.util.Objects;
import java.util.Set;

/**
 * A transfer command from the agent desk (docs/protocol.md, "Transfers"), validated by the socket's schema.
 *
 * @param action {@code blind}, {@code consult}, {@code complete} or {@code cancel}
 * @param callId the caller's call
 * @param kind   for blind and consult: {@code agent}, {@code queue} (blind only) or {@code number}; null otherwise
 * @param target the agent's account id, the queue id, or the number typed (digits, checked again by the outbound
 *               wall); null for complete and cancel
 */
public record TransferRequest(String action, String callId, String kind, String target) {

  public static final String BLIND = "blind";
  public static final String CONSULT = "consult";
  public static final String COMPLETE = "complete";
  public static final String CANCEL = "cancel";
  public static final String AGENT = "agent";
  public static final String QUEUE = "queue";
  public static final String NUMBER = "number";

  public TransferRequest {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(callId, "callId");
    if (!Set.of(BLIND, CONSULT, COMPLETE, CANCEL).contains(action)) {
      throw new IllegalArgumentException("unknown transfer action " + action);
    }
    boolean starts = action.equals(BLIND) || action.equals(CONSULT);
    if (starts != (kind != null && target != null)) {
      throw new IllegalArgumentException(action + " needs a target kind and id exactly when it starts a transfer");
    }
  }
}
