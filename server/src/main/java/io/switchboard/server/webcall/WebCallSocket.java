package io.switchboard.server.webcall;

import io.switchboard.media.MediaSink;
import io.switchboard.media.SdpException;
import io.switchboard.media.WebRtcSession;
import io.switchboard.routing.flow.WebEntryPoint;
import io.switchboard.server.calls.WebLeg;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * One page's {@code /ws/web-call} socket (docs/protocol.md, "Web call"): the page sends one {@code call} with its
 * token and SDP offer; the checks run in order — message shape, entry point and page origin, token, rate limits,
 * the cap — and the first that fails is answered with an {@code error} naming it, after which the socket closes
 * having created nothing. A call that passes gets a WebRTC session of its own ({@code answer}), and from then on the
 * socket carries what the caller experiences ({@code status}) until either side hangs up.
 */
final class WebCallSocket implements WebLeg.Page {
  private static final Logger LOG = Logger.getLogger(WebCallSocket.class.getName());
  /** RFC 6455 §7.4.1: 1000 normal, 1008 policy violation (a refused call). */
  private static final short NORMAL = 1000;
  private static final short POLICY = 1008;
  private static final Set<String> CALL_FIELDS = Set.of("type", "entry", "token", "sdp", "page", "name", "number", "lang");
  private static final int MAX_SDP_CHARS = 16 * 1024;
  private static final int MAX_TOKEN_CHARS = 2048;
  private static final int MAX_PAGE_CHARS = 500;
  private static final int MAX_NAME_CHARS = 80;
  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9 ()./-]{3,24}");
  private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  private final WebChannel channel;
  private final ServerWebSocket ws;
  private final String origin;
  private final String ip;
  private final AtomicBoolean closed = new AtomicBoolean();
  private boolean calling;
  private WebLeg leg;
  private long firstMessageTimer;

  WebCallSocket(WebChannel channel, ServerWebSocket ws) {
    this.channel = channel;
    this.ws = ws;
    this.origin = ws.headers().get("Origin");
    this.ip = ws.remoteAddress() == null ? "unknown" : ws.remoteAddress().hostAddress();
  }

  void start() {
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> refuse(WebCallError.BAD_REQUEST));
    ws.closeHandler(v -> onClosed());
    firstMessageTimer = channel.vertx().setTimer(WebChannel.FIRST_MESSAGE_TIMEOUT_MS, t -> {
      if (!calling) {
        refuse(WebCallError.BAD_REQUEST);
      }
    });
  }

  private void onText(String text) {
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      refuse(WebCallError.BAD_REQUEST);
      return;
    }
    String type = message.getValue("type") instanceof String s ? s : "";
    if (type.equals("hangup")) {
      if (leg != null) {
        leg.callerHungUp();
      } else {
        close();
      }
      return;
    }
    if (!type.equals("call") || calling) {
      refuse(WebCallError.BAD_REQUEST);
      return;
    }
    calling = true;
    channel.vertx().cancelTimer(firstMessageTimer);
    call(message);
  }

  private void call(JsonObject m) {
    String entryName = m.getValue("entry") instanceof String e ? e : null;
    if (!CALL_FIELDS.containsAll(m.fieldNames())
        || entryName == null || !ENTRY.matcher(entryName).matches()
        || !text(m, "token", MAX_TOKEN_CHARS, true) || !text(m, "sdp", MAX_SDP_CHARS, true)
        || !text(m, "page", MAX_PAGE_CHARS, false) || !text(m, "name", MAX_NAME_CHARS, false)
        || !text(m, "number", 24, false) || !text(m, "lang", 8, false)
        || (m.getString("number") != null && !NUMBER.matcher(m.getString("number")).matches())) {
      refuse(WebCallError.BAD_REQUEST);
      return;
    }
    Optional<WebEntryPoint> entry = channel.entry(entryName);
    if (entry.isEmpty()) {
      refuse(WebCallError.ENTRY_UNKNOWN);
      return;
    }
    // The browser sets Origin itself (RFC 6455 §4.1, item 8; a page cannot forge it); a client that is not a
    // browser can, which is why the token and the limits follow.
    if (!entry.get().allows(origin)) {
      LOG.info(() -> "web call to " + entryName + " refused: origin " + origin + " is not allowed");
      refuse(WebCallError.ORIGIN_NOT_ALLOWED);
      return;
    }
    channel.tokens().verify(m.getString("token"), System.currentTimeMillis()).onComplete(ar -> {
      if (ar.failed()) {
        refuse(ar.cause() instanceof CallTokens.Refused r ? r.code : WebCallError.TOKEN_INVALID);
        return;
      }
      CallTokens.Claims claims = ar.result();
      if (!claims.entry().equals(entryName) || !claims.origin().equals(origin)) {
        refuse(WebCallError.TOKEN_INVALID);
        return;
      }
      admitted(entry.get(), m);
    });
  }

  private void admitted(WebEntryPoint entry, JsonObject m) {
    if (closed.get()) {
      return;
    }
    WebCallError limit = channel.limits().admit(ip, entry.name(), System.nanoTime());
    if (limit != null) {
      LOG.info(() -> "web call to " + entry.name() + " from " + ip + " refused: " + limit.code());
      refuse(limit);
      return;
    }
    WebRtcSession session;
    try {
      session = channel.endpoint().accept(m.getString("sdp"), MediaSink.DISCARD);
    } catch (SdpException e) {
      channel.limits().release();
      LOG.fine(() -> "web call offer refused: " + e.getMessage());
      refuse(WebCallError.BAD_OFFER);
      return;
    } catch (RuntimeException e) {
      channel.limits().release();
      LOG.log(Level.WARNING, "web call session failed", e);
      refuse(WebCallError.UNAVAILABLE);
      return;
    }
    session.closed().onComplete(v -> channel.limits().release());
    leg = new WebLeg(session, new WebLeg.Visitor(entry.name(), origin, m.getString("page"),
        blankToNull(m.getString("name")), blankToNull(m.getString("number"))), this);
    send(new JsonObject().put("type", "answer").put("sdp", session.answerSdp()));
    if (closed.get()) {
      leg.callerHungUp(); // the page left while we were answering
    }
    channel.center().onWebCall(leg, entry.name(), leg.visitor().number())
        .onSuccess(callId -> send(new JsonObject().put("type", "call").put("callId", callId)));
  }

  private static boolean text(JsonObject m, String key, int max, boolean required) {
    Object v = m.getValue(key);
    if (v == null) {
      return !required;
    }
    return v instanceof String s && s.length() <= max && (!required || !s.isBlank());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private void refuse(WebCallError error) {
    send(new JsonObject().put("type", "error").put("code", error.code()).put("message", error.message()));
    if (closed.compareAndSet(false, true)) {
      ws.close(POLICY, error.code()).onFailure(e -> LOG.log(Level.FINE, "web call socket: " + e));
    }
  }

  private void onClosed() {
    closed.set(true);
    channel.vertx().cancelTimer(firstMessageTimer);
    channel.forget(this);
    if (leg != null) {
      leg.callerHungUp();
    }
  }

  @Override
  public void send(JsonObject message) {
    if (closed.get()) {
      return;
    }
    ws.writeTextMessage(message.encode()).onFailure(e -> LOG.log(Level.FINE, "web call socket: " + e));
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      ws.close(NORMAL, "call ended").onFailure(e -> LOG.log(Level.FINE, "web call socket: " + e));
    }
  }
}
