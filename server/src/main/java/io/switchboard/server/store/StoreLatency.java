package io.switchboard.server.store;

/**
 * Told how long each MongoDB command took (docs/metrics.md, {@code switchboard_store_command_seconds}). Called on the
 * driver's threads: implementations must be thread-safe and quick and must not throw.
 */
@FunctionalInterface
public interface StoreLatency {

  /** Records nothing. */
  StoreLatency NONE = (command, succeeded, nanos) -> { };

  /**
   * @param command   the command's name as the driver sends it ({@code find}, {@code update}, {@code insert}, ...)
   * @param succeeded false when the server answered with an error or the connection failed
   * @param nanos     from sending the command to its reply
   */
  void command(String command, boolean succeeded, long nanos);
}
