package io.switchboard.signaling;

import java.util.Objects;

/** Call control's answer to an agent's {@code media.offer}: the SDP answer and the id of the shift-long media session. */
public record MediaAnswer(String sdp, String sessionId) {

  public MediaAnswer {
    Objects.requireNonNull(sdp, "sdp");
    Objects.requireNonNull(sessionId, "sessionId");
  }
}
