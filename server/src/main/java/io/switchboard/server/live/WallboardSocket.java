package io.switchboard.server.live;

import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /ws/wallboard} (docs/protocol.md, "The wallboard socket"): a supervisor's or admin's read-only feed of
 * the live figures. Authenticated like the agent socket, by a first {@code auth} frame with the login token; then
 * {@code live.snapshot} at once and {@code live.update} (the complete figures again) after each change, coalesced
 * by {@link LiveFeed}. The only other frame a client sends is {@code ping}.
 */
public final class WallboardSocket {

  public static final String PATH = "/ws/wallboard";
  static final int UNAUTHENTICATED = 4401;
  static final int REFUSED = 4403;
  static final int MESSAGE_TOO_BIG = 1009;
  static final int POLICY_VIOLATION = 1008;
  /** As the agent socket's auth frame (a token is at most 4096 characters). */
  static final int MAX_FRAME_CHARS = 4200;
  static final long AUTH_TIMEOUT_MS = 10_000;
  /** A board that does not read is cut off rather than buffered without bound. */
  static final int MAX_WRITE_QUEUE_BYTES = 1024 * 1024;

  private static final Logger LOG = Logger.getLogger(WallboardSocket.class.getName());

  private final Vertx vertx;
  private final LiveFeed feed;
  private final Function<String, Future<AgentAccount>> authenticate;
  private final Function<AgentAccount, Predicate<String>> visibility;
  private final java.util.Set<Board> boards = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param authenticate the login token's account (fails for a bad or expired token)
   * @param visibility   the agents whose figures an account may see
   */
  public WallboardSocket(Vertx vertx, LiveFeed feed, Function<String, Future<AgentAccount>> authenticate,
      Function<AgentAccount, Predicate<String>> visibility) {
    this.vertx = vertx;
    this.feed = feed;
    this.authenticate = authenticate;
    this.visibility = visibility;
  }

  public void mount(Router router) {
    router.get(PATH).handler(ctx -> {
      if (closed) {
        ctx.response().setStatusCode(503).end();
        return;
      }
      ctx.request().toWebSocket().onSuccess(this::accept)
          .onFailure(e -> LOG.log(Level.FINE, "wallboard socket upgrade failed: " + e));
    });
  }

  /** Refuses new sockets and closes the open ones with 1001 "going away" (docs/closures.md). Idempotent. */
  public Future<Void> close() {
    closed = true;
    feed.close();
    List<Future<Void>> all = boards.stream().map(b -> b.ws.close((short) 1001, "going away")).toList();
    return Future.join(all).mapEmpty();
  }

  private void accept(ServerWebSocket ws) {
    ws.setWriteQueueMaxSize(MAX_WRITE_QUEUE_BYTES);
    Board board = new Board(ws);
    boards.add(board);
    if (closed) {
      ws.close((short) 1001, "going away");
    }
    board.authTimer = vertx.setTimer(AUTH_TIMEOUT_MS, t -> {
      if (board.account == null) {
        board.refuse(UNAUTHENTICATED, "not_authenticated", "no auth within " + AUTH_TIMEOUT_MS + " ms");
      }
    });
    ws.textMessageHandler(board::onText);
    ws.binaryMessageHandler(b -> ws.close((short) POLICY_VIOLATION, "text frames only"));
    ws.closeHandler(v -> board.closed());
    ws.exceptionHandler(e -> LOG.log(Level.FINE, "wallboard socket: " + e));
  }

  /** One open socket. Its handlers run on the socket's context, one at a time. */
  private final class Board {
    private final ServerWebSocket ws;
    private long authTimer = -1;
    private boolean authenticating;
    private AgentAccount account;
    private LiveFeed.Subscription subscription;
    private boolean gone;

    Board(ServerWebSocket ws) {
      this.ws = ws;
    }

    void onText(String text) {
      if (text.length() > MAX_FRAME_CHARS) {
        ws.close((short) MESSAGE_TOO_BIG, "frame too big");
        return;
      }
      JsonObject frame;
      try {
        frame = new JsonObject(text);
      } catch (DecodeException | ClassCastException e) {
        error("bad_json", "not a JSON object");
        return;
      }
      String type = frame.getValue("type") instanceof String s ? s : "";
      if (account == null) {
        auth(type, frame);
      } else if (type.equals("ping")) {
        send(new JsonObject().put("type", "pong"));
      } else if (type.equals("auth")) {
        error("not_allowed", "already authenticated");
      } else {
        error("unknown_type", "expected ping");
      }
    }

    private void auth(String type, JsonObject frame) {
      if (authenticating) {
        ws.close((short) POLICY_VIOLATION, "frames before the snapshot");
        return;
      }
      if (!type.equals("auth") || !(frame.getValue("token") instanceof String token) || token.isEmpty()
          || token.length() > 4096) {
        refuse(UNAUTHENTICATED, "not_authenticated", "the first frame must be auth with a token");
        return;
      }
      authenticating = true;
      authenticate.apply(token).onComplete(ar -> {
        if (gone) {
          return;
        }
        if (ar.failed()) {
          refuse(UNAUTHENTICATED, "auth_failed", String.valueOf(ar.cause().getMessage()));
        } else if (!ar.result().hasRole(AgentAccount.SUPERVISOR) && !ar.result().hasRole(AgentAccount.ADMIN)) {
          refuse(REFUSED, "not_allowed", "the wallboard is for supervisors and admins");
        } else {
          vertx.cancelTimer(authTimer);
          account = ar.result();
          subscription = feed.subscribe(visibility.apply(account), figures -> send(figures.copy()
              .put("type", subscription == null ? "live.snapshot" : "live.update")));
        }
      });
    }

    void refuse(int code, String error, String message) {
      error(error, message);
      ws.close((short) code, message.length() > 120 ? message.substring(0, 120) : message);
    }

    void error(String code, String message) {
      send(new JsonObject().put("type", "error").put("code", code).put("message", message));
    }

    void send(JsonObject frame) {
      if (gone || ws.isClosed()) {
        return;
      }
      if (ws.writeQueueFull()) {
        ws.close((short) 1013, "too slow");
        return;
      }
      ws.writeTextMessage(frame.encode());
    }

    void closed() {
      gone = true;
      boards.remove(this);
      vertx.cancelTimer(authTimer);
      if (subscription != null) {
        subscription.cancel();
      }
    }
  }
}
