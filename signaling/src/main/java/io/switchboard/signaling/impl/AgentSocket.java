package io.switchboard.signaling.impl;

import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.AgentConnection;
import io.switchboard.signaling.SignalingException;
import io.switchboard.signaling.Welcome;
import io.switchboard.signaling.impl.ClientMessages.Message;
import io.switchboard.signaling.impl.AgentTokens.TokenRejected;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One agent WebSocket, from upgrade to close (docs/protocol.md, "The socket"):
 * <pre>
 * AWAITING_AUTH ──auth ok──▶ AUTHENTICATING ──account ok──▶ CONNECTING ──connected() ok──▶ OPEN
 *       │ other frame / timeout        │ bad token                │ connected() failed        │
 *       └──────── 4401 ◀───────────────┘                          └── 4403 / 1011             ▼
 *                                                                                       CLOSED (any time)
 * </pre>
 * Everything except {@link #send} and {@link #close} runs on the socket's context. The socket is paused between the
 * {@code auth} frame and the {@code welcome}, so frames sent right after {@code auth} wait (in TCP) for the welcome.
 * No frame, however bad, throws out of here: it is answered with an {@code error} and the socket goes on.
 */
final class AgentSocket implements AgentConnection {

  /** WebSocket close codes (RFC 6455 §7.4.1, and 4000–4999 for ours as in docs/protocol.md). */
  static final int GOING_AWAY = 1001;
  static final int MESSAGE_TOO_BIG = 1009;
  static final int INTERNAL_ERROR = 1011;
  static final int TRY_AGAIN_LATER = 1013;
  static final int POLICY_VIOLATION = 1008;
  static final int UNAUTHENTICATED = 4401;
  static final int REFUSED = 4403;
  static final int REPLACED = 4409;

  /** Bytes the server may queue for a client that does not read, before it is disconnected (1013). */
  static final int MAX_WRITE_QUEUE_BYTES = 1024 * 1024;

  /** Frames that can only arrive in the moment before {@code pause()} takes effect; more is abuse. */
  private static final int MAX_EARLY_FRAMES = 16;
  /** Frames {@link #send} holds back until the welcome; past that call control is looping and the socket closes. */
  private static final int MAX_HELD_BACK_FRAMES = 1000;

  private static final Logger LOG = Logger.getLogger(AgentSocket.class.getName());

  private enum Phase { AWAITING_AUTH, AUTHENTICATING, CONNECTING, OPEN, CLOSED }

  private final AgentSignalingImpl owner;
  private final ServerWebSocket ws;
  private final Vertx vertx;
  private final Context context;
  private final String id;
  private final ClientMessages messages;
  private final TokenBucket rate;
  private final ArrayDeque<Message> early = new ArrayDeque<>();
  private final Promise<Void> closed = Promise.promise();

  // Context thread only.
  private long authTimer = -1;
  private boolean connectedCalled;
  private boolean disconnectedCalled;
  private Welcome welcome;

  // Shared with other threads (send, close, agent).
  private volatile AgentAccount account;
  private Phase phase = Phase.AWAITING_AUTH;   // guarded by this
  private boolean closing;                     // guarded by this
  private List<JsonObject> heldBack = new ArrayList<>(); // guarded by this

  AgentSocket(AgentSignalingImpl owner, ServerWebSocket ws, Vertx vertx, Context context, String id) {
    this.owner = owner;
    this.ws = ws;
    this.vertx = vertx;
    this.context = context;
    this.id = id;
    this.messages = new ClientMessages(owner.config().maxFrameBytes());
    this.rate = new TokenBucket(owner.config().maxFramesPerSecond(), 1_000_000_000L, System.nanoTime());
  }

  void start() {
    ws.setWriteQueueMaxSize(MAX_WRITE_QUEUE_BYTES);
    ws.frameHandler(this::onFrameSafely);
    ws.exceptionHandler(e -> LOG.log(Level.FINE, "agent socket " + id + ": " + e));
    ws.closeHandler(v -> onClosed());
    authTimer = vertx.setTimer(owner.config().authTimeout().toMillis(), t -> {
      authTimer = -1;
      Phase now = phase();
      if (now == Phase.AWAITING_AUTH || now == Phase.AUTHENTICATING) {
        refuseAuth("not_authenticated", "no auth within " + owner.config().authTimeout().toMillis() + " ms", null);
      }
    });
  }

  // ---- AgentConnection

  @Override
  public String id() {
    return id;
  }

  @Override
  public AgentAccount agent() {
    return account;
  }

  @Override
  public void send(JsonObject frame) {
    synchronized (this) {
      if (closing || phase == Phase.CLOSED) {
        return;
      }
      if (phase == Phase.CONNECTING) {
        if (heldBack.size() >= MAX_HELD_BACK_FRAMES) {
          LOG.warning("agent socket " + id + ": " + MAX_HELD_BACK_FRAMES + " frames sent before welcome, closing");
          closeWith(INTERNAL_ERROR, "internal");
          return;
        }
        heldBack.add(frame.copy());
        return;
      }
      if (phase != Phase.OPEN) {
        return;
      }
      write(frame);
    }
  }

  @Override
  public void close(int code, String reason) {
    closeWith(code, reason);
  }

  @Override
  public synchronized boolean isOpen() {
    return !closing && (phase == Phase.CONNECTING || phase == Phase.OPEN);
  }

  @Override
  public String toString() {
    AgentAccount a = account;
    return "AgentSocket[" + id + (a == null ? "" : ", agent " + a.id()) + ", " + phase() + "]";
  }

  // ---- for AgentSignalingImpl

  /** Completes once the socket is closed (on its context). */
  Future<Void> closed() {
    return closed.future();
  }

  /** A newer socket of the same agent took over: tell call control this one is gone, then close it with 4409. */
  Future<Void> replace() {
    if (Vertx.currentContext() == context) {
      evict();
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      evict();
      done.complete();
    });
    return done.future();
  }

  private void evict() {
    fireDisconnected();
    closeWith(REPLACED, "replaced");
  }

  // ---- inbound frames

  /** A bug in handling one frame is logged and answered, and costs neither the socket nor the event loop. */
  private void onFrameSafely(WebSocketFrame frame) {
    try {
      onFrame(frame);
    } catch (RuntimeException e) {
      String ref = Ids.errorRef();
      LOG.log(Level.SEVERE, "agent socket " + id + ": frame handling failed, ref " + ref, e);
      write(ServerFrames.error("internal", "internal error (ref " + ref + ")", null, null));
    }
  }

  private void onFrame(WebSocketFrame frame) {
    if (isGone()) {
      return;
    }
    Message message;
    try {
      message = messages.add(frame);
    } catch (ClientMessages.TooBig e) {
      closeWith(MESSAGE_TOO_BIG, e.getMessage());
      return;
    }
    if (message != null) {
      onMessage(message);
    }
  }

  private void onMessage(Message message) {
    switch (phase()) {
      case AWAITING_AUTH -> authenticate(message);
      case AUTHENTICATING, CONNECTING -> {
        if (early.size() >= MAX_EARLY_FRAMES) {
          closeWith(POLICY_VIOLATION, "too many frames before welcome");
        } else {
          early.add(message.copy());
        }
      }
      case OPEN -> handle(message);
      default -> {
      }
    }
  }

  // ---- authentication

  private void authenticate(Message message) {
    ClientFrame frame;
    try {
      frame = ClientFrameSchema.validate(parse(message));
    } catch (FrameRejected e) {
      refuseAuth("not_authenticated", "the first frame must be a valid auth frame", e.id());
      return;
    }
    if (!frame.type().equals(ClientFrameSchema.AUTH)) {
      refuseAuth("not_authenticated", "the first frame must be auth", frame.id());
      return;
    }
    setPhase(Phase.AUTHENTICATING);
    ws.pause();
    Future<AgentAccount> verified = owner.tokens().verify(frame.string("token"), System.currentTimeMillis())
        .compose(claims -> owner.accountFor(claims));
    onContext(verified).onComplete(ar -> {
      if (phase() != Phase.AUTHENTICATING || isGone()) {
        return;
      }
      if (ar.succeeded()) {
        onAuthenticated(ar.result(), frame.id());
      } else if (ar.cause() instanceof TokenRejected rejected) {
        refuseAuth("auth_failed", rejected.getMessage(), frame.id());
      } else {
        String ref = Ids.errorRef();
        LOG.log(Level.WARNING, "agent socket " + id + ": account lookup failed, ref " + ref, ar.cause());
        write(ServerFrames.error("internal", "internal error (ref " + ref + ")", null, frame.id()));
        closeWith(INTERNAL_ERROR, "internal error (ref " + ref + ")");
      }
    });
  }

  private void refuseAuth(String code, String message, String frameId) {
    write(ServerFrames.error(code, message, null, frameId));
    closeWith(UNAUTHENTICATED, message);
  }

  private void onAuthenticated(AgentAccount agent, String authFrameId) {
    cancelAuthTimer();
    account = agent;
    setPhase(Phase.CONNECTING);
    onContext(owner.register(this)).onComplete(registered -> {
      if (isGone()) {
        return;
      }
      connectedCalled = true;
      Future<Welcome> welcomed;
      try {
        welcomed = owner.commands().connected(this);
        if (welcomed == null) {
          welcomed = Future.failedFuture(new IllegalStateException("AgentCommands.connected returned null"));
        }
      } catch (RuntimeException e) {
        welcomed = Future.failedFuture(e);
      }
      onContext(welcomed).onComplete(ar -> {
        if (isGone()) {
          return;
        }
        if (ar.succeeded() && ar.result() != null) {
          open(ar.result(), authFrameId);
        } else if (ar.cause() instanceof SignalingException refused) {
          write(ServerFrames.error(refused.code(), messageOf(refused), null, authFrameId));
          closeWith(REFUSED, refused.code());
        } else {
          String ref = Ids.errorRef();
          LOG.log(Level.WARNING, "agent socket " + id + " of " + agent.id() + ": connected() failed, ref " + ref,
              ar.cause());
          write(ServerFrames.error("internal", "internal error (ref " + ref + ")", null, authFrameId));
          closeWith(INTERNAL_ERROR, "internal error (ref " + ref + ")");
        }
      });
    });
  }

  private void open(Welcome w, String authFrameId) {
    welcome = w;
    synchronized (this) {
      write(ServerFrames.welcome(account, w));
      if (authFrameId != null) {
        write(ServerFrames.ack(authFrameId));
      }
      heldBack.forEach(this::write);
      heldBack = List.of();
      phase = Phase.OPEN;
    }
    while (!early.isEmpty() && phase() == Phase.OPEN && !isGone()) {
      handle(early.poll());
    }
    ws.resume();
  }

  // ---- authenticated frames

  private void handle(Message message) {
    if (!rate.tryTake(System.nanoTime())) {
      write(ServerFrames.error("rate_limited", "more than " + owner.config().maxFramesPerSecond()
          + " frames per second; frame dropped", null, idOf(message)));
      return;
    }
    ClientFrame frame;
    try {
      frame = ClientFrameSchema.validate(parse(message));
      checkAgainstWelcome(frame);
    } catch (FrameRejected e) {
      write(ServerFrames.error(e.code(), e.getMessage(), e.field(), e.id()));
      return;
    }
    switch (frame.type()) {
      case ClientFrameSchema.AUTH ->
          write(ServerFrames.error("not_allowed", "already authenticated", null, frame.id()));
      case ClientFrameSchema.PING -> {
        write(ServerFrames.pong());
        ackIfAsked(frame);
      }
      default -> onContext(owner.dispatch().dispatch(this, frame, this::write)).onComplete(ar -> {
        if (ar.succeeded()) {
          ackIfAsked(frame);
        } else {
          refuse(frame, ar.cause());
        }
      });
    }
  }

  /** {@code state.set not_ready} must give one of the reasons the welcome offered. */
  private void checkAgainstWelcome(ClientFrame frame) {
    if (frame.type().equals(ClientFrameSchema.STATE_SET) && frame.string("reason") != null
        && !welcome.notReadyReasons().contains(frame.string("reason"))) {
      throw new FrameRejected("invalid_field", "reason",
          "reason must be one of " + String.join(", ", welcome.notReadyReasons()), frame.id());
    }
  }

  private void ackIfAsked(ClientFrame frame) {
    if (frame.id() != null) {
      write(ServerFrames.ack(frame.id()));
    }
  }

  private void refuse(ClientFrame frame, Throwable cause) {
    if (cause instanceof SignalingException refused) {
      write(ServerFrames.error(refused.code(), messageOf(refused), null, frame.id()));
      return;
    }
    String ref = Ids.errorRef();
    LOG.log(Level.WARNING, "agent socket " + id + " of " + account.id() + ": " + frame.type()
        + (frame.id() == null ? "" : " id " + LoginEndpoint.quoted(frame.id())) + " failed, ref " + ref, cause);
    write(ServerFrames.error("internal", "internal error (ref " + ref + ")", null, frame.id()));
  }

  private static String messageOf(SignalingException e) {
    return e.getMessage() == null ? e.code() : e.getMessage();
  }

  private static JsonObject parse(Message message) {
    if (message.binary()) {
      throw new FrameRejected("bad_json", null, "binary frames are not accepted; send JSON text", null);
    }
    try {
      JsonObject json = new JsonObject(message.data());
      if (json.getMap() == null) {
        throw new DecodeException("null");
      }
      return json;
    } catch (DecodeException | ClassCastException e) {
      throw new FrameRejected("bad_json", null, "frame is not a JSON object", null);
    }
  }

  /** Best effort, for errors about frames that are not validated (rate limited): the id if there is a valid one. */
  private static String idOf(Message message) {
    try {
      return ClientFrameSchema.validId(parse(message));
    } catch (RuntimeException e) {
      return null;
    }
  }

  // ---- outbound and closing

  private void write(JsonObject frame) {
    if (ws.isClosed()) {
      return;
    }
    if (ws.writeQueueFull()) {
      LOG.info("agent socket " + id + ": client is not reading, closing");
      closeWith(TRY_AGAIN_LATER, "client not reading");
      return;
    }
    ws.writeTextMessage(frame.encode());
  }

  private void closeWith(int code, String reason) {
    synchronized (this) {
      if (closing || phase == Phase.CLOSED) {
        return;
      }
      closing = true;
    }
    ws.close((short) code, ServerFrames.closeReason(reason)).onFailure(e -> LOG.log(Level.FINE, "agent socket " + id + ": " + e));
  }

  private void onClosed() {
    synchronized (this) {
      phase = Phase.CLOSED;
      heldBack = List.of();
    }
    cancelAuthTimer();
    early.clear();
    messages.clear();
    owner.unregister(this);
    fireDisconnected();
    closed.tryComplete();
  }

  private void fireDisconnected() {
    if (!connectedCalled || disconnectedCalled) {
      return;
    }
    disconnectedCalled = true;
    try {
      owner.commands().disconnected(this);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "agent socket " + id + ": AgentCommands.disconnected threw", e);
    }
  }

  private void cancelAuthTimer() {
    if (authTimer != -1) {
      vertx.cancelTimer(authTimer);
      authTimer = -1;
    }
  }

  // ---- small helpers

  private synchronized Phase phase() {
    return phase;
  }

  private synchronized void setPhase(Phase next) {
    if (phase != Phase.CLOSED) {
      phase = next;
    }
  }

  private synchronized boolean isGone() {
    return closing || phase == Phase.CLOSED;
  }

  /** Completes on this socket's context, whichever thread completed {@code future}. */
  private <T> Future<T> onContext(Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(ar -> {
      if (Vertx.currentContext() == context) {
        promise.handle(ar);
      } else {
        context.runOnContext(v -> promise.handle(ar));
      }
    });
    return promise.future();
  }
}
