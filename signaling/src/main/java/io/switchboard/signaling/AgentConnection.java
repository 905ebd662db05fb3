package io.switchboard.signaling;

import io.vertx.core.json.JsonObject;

/** One authenticated agent socket, as call control sees it. */
public interface AgentConnection {

  /** Unique per socket (a reconnecting agent gets a new id). */
  String id();

  AgentAccount agent();

  /**
   * Sends a server frame (docs/protocol.md, "Server → client"). Callable from any thread. Frames sent while
   * {@link AgentCommands#connected} has not completed yet are held back and follow the {@code welcome}. Dropped when
   * the socket is closed. A client that does not read its frames is disconnected (1013) rather than buffered forever.
   */
  void send(JsonObject frame);

  /** Closes the socket with a WebSocket close code (1000, or 4000–4999 for ours) and a short reason. Idempotent. */
  void close(int code, String reason);

  /** True from the moment {@link AgentCommands#connected} is called until the socket closes. */
  boolean isOpen();
}
