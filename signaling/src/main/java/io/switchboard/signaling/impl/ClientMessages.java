package io.switchboard.signaling.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

/**
 * Reassembles client messages from WebSocket frames (RFC 6455 §5.4: a message is one frame, or a first frame and
 * continuation frames up to the one with FIN), and enforces the size limit on the whole message as it grows.
 */
final class ClientMessages {

  /** One complete client message. */
  record Message(Buffer data, boolean binary) {

    Message copy() {
      return new Message(data.copy(), binary);
    }
  }

  /** The message being assembled would pass the limit. */
  static final class TooBig extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooBig(int limit) {
      super("frame larger than " + limit + " bytes", null, false, false);
    }
  }

  private final int maxBytes;
  private Buffer partial;
  private boolean partialBinary;

  ClientMessages(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Adds a frame; returns the message it completes, or null (more frames to come, or a control frame, which Vert.x
   * answers itself).
   *
   * @throws TooBig if the message passes the limit; what was assembled is dropped
   */
  Message add(WebSocketFrame frame) {
    switch (frame.type()) {
      case TEXT, BINARY -> {
        partial = null;
        partialBinary = frame.isBinary();
      }
      case CONTINUATION -> {
        if (partial == null) {
          return null; // Netty refuses a continuation without a start; nothing to add to.
        }
      }
      default -> {
        return null;
      }
    }
    Buffer data = frame.binaryData();
    int size = (partial == null ? 0 : partial.length()) + data.length();
    if (size > maxBytes) {
      partial = null;
      throw new TooBig(maxBytes);
    }
    if (!frame.isFinal()) {
      partial = (partial == null ? Buffer.buffer(Math.min(size * 2, maxBytes)) : partial).appendBuffer(data);
      return null;
    }
    Buffer message = partial == null ? data : partial.appendBuffer(data);
    partial = null;
    return new Message(message, partialBinary);
  }

  void clear() {
    partial = null;
  }
}
