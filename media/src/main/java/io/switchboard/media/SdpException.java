package io.switchboard.media;

/** A session description that is malformed or offers nothing we can use. Control path only. */
public final class SdpException extends Exception {
  private static final long serialVersionUID = 1L;

  public SdpException(String message) {
    super(message);
  }
}
