package io.switchboard.server.routingconfig;

/** The object (or the version) asked for does not exist (HTTP 404). */
public final class NoSuchConfig extends RuntimeException {

  private static final long serialVersionUID = 1L;

  NoSuchConfig(String message) {
    super(message, null, false, false);
  }
}
