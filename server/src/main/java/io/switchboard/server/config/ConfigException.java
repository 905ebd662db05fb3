package io.switchboard.server.config;

/**
 * The configuration is unusable: a bad value, an unknown key, an unreadable file. The message is meant for the
 * operator as is (it names the key, the value and where the value came from), so {@code Main} prints it alone.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
