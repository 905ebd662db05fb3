package io.switchboard.server.calls;

import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.AgentConnection;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An agent's socket without a browser: the frames call control sent, read in order by type. */
final class DeskSocket {
  final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  final AgentConnection connection;
  FakeStream media;

  DeskSocket(String id, String username) {
    this(new AgentAccount(id, username, username, "hash", List.of(AgentAccount.AGENT)));
  }

  DeskSocket(AgentAccount account) {
    connection = new AgentConnection() {
      @Override
      public String id() {
        return "socket-" + account.id();
      }

      @Override
      public AgentAccount agent() {
        return account;
      }

      @Override
      public void send(JsonObject frame) {
        frames.add(frame);
      }

      @Override
      public void close(int code, String reason) {
      }

      @Override
      public boolean isOpen() {
        return true;
      }
    };
  }

  /** The next frame of this type (others before it are skipped); fails after 5 s. */
  JsonObject next(String type) throws InterruptedException {
    return next(type, 5);
  }

  /** The next frame of this type (others before it are skipped); fails after {@code seconds}. */
  JsonObject next(String type, int seconds) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<String> skipped = new ArrayList<>();
    while (true) {
      JsonObject f = frames.poll(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (f == null) {
        throw new AssertionError("no " + type + " frame; skipped " + skipped);
      }
      if (type.equals(f.getString("type"))) {
        return f;
      }
      skipped.add(f.getString("type"));
    }
  }
}
