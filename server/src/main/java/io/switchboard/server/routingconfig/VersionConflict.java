package io.switchboard.server.routingconfig;

/** A change made against a version that is no longer the current one (HTTP 409): reload, then change again. */
public final class VersionConflict extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final long currentVersion;

  VersionConflict(String message, long currentVersion) {
    super(message, null, false, false);
    this.currentVersion = currentVersion;
  }

  /** The version stored now (0: the object does not exist). */
  public long currentVersion() {
    return currentVersion;
  }
}
