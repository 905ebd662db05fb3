package io.switchboard.signaling;

import java.util.List;
import java.util.Objects;

/**
 * What call control tells a freshly authenticated agent: the agent's current state and the not-ready reasons the
 * agent may pick. The socket accepts {@code state.set} with {@code not_ready} only for a reason in this list.
 *
 * @param state           {@code not_ready}, {@code ready}, {@code ringing} or {@code on_call}
 * @param reason          why the agent is not ready (e.g. {@code logged_in}); null otherwise
 * @param notReadyReasons reasons the agent may choose for {@code not_ready}
 */
public record Welcome(String state, String reason, List<String> notReadyReasons) {

  public Welcome {
    Objects.requireNonNull(state, "state");
    notReadyReasons = notReadyReasons == null ? List.of() : List.copyOf(notReadyReasons);
  }
}
