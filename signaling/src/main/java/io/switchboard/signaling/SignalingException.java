package io.switchboard.signaling;

import java.util.Objects;

/**
 * Call control refuses an agent's request. The socket turns it into an {@code error} frame with this {@link #code()}
 * (see docs/protocol.md, "Error codes": e.g. {@code not_allowed}, {@code no_such_call}, {@code media_required}) and
 * this message, so the message must be fit for the agent's screen.
 */
public final class SignalingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  public SignalingException(String code, String message) {
    super(message, null, false, false);
    if (Objects.requireNonNull(code, "code").isBlank()) {
      throw new IllegalArgumentException("code must not be blank");
    }
    this.code = code;
  }

  public String code() {
    return code;
  }
}
