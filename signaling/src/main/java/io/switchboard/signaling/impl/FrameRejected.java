package io.switchboard.signaling.impl;

/** A client frame refused before it reached call control; becomes an {@code error} frame. */
final class FrameRejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final String field;
  private final String id;

  FrameRejected(String code, String field, String message, String id) {
    super(message, null, false, false);
    this.code = code;
    this.field = field;
    this.id = id;
  }

  String code() {
    return code;
  }

  /** The offending field for {@code invalid_field}, else null. */
  String field() {
    return field;
  }

  /** The frame's {@code id} when it had a valid one, else null. */
  String id() {
    return id;
  }
}
