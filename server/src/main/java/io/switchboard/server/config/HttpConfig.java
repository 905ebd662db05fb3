package io.switchboard.server.config;

import java.util.Objects;

/**
 * Where the HTTP server (web apps, REST API, health) listens.
 *
 * @param host local address to listen on; 0.0.0.0 for every interface
 * @param port TCP port; 0 picks a free one
 */
public record HttpConfig(String host, int port) {

  public HttpConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port must be 0..65535, got " + port);
    }
  }
}
