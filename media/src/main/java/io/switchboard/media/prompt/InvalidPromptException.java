package io.switchboard.media.prompt;

/** A prompt file that cannot be used (unreadable, not a WAV we accept, misnamed). The message names the file. */
public final class InvalidPromptException extends RuntimeException {
  public InvalidPromptException(String message) {
    super(message);
  }

  public InvalidPromptException(String message, Throwable cause) {
    super(message, cause);
  }
}
