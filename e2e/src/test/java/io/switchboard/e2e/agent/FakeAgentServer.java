package io.switchboard.e2e.agent;

import io.switchboard.e2e.ClasspathWebroot;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocketRoute;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server side of docs/protocol.md, played inside Playwright: {@code POST /api/login} through {@code page.route}
 * and {@code /ws/agent} through {@code page.routeWebSocket}. It answers every client frame the way the protocol's
 * example does (state.set → state, call.answer → call.answered + on_call, …), records what the page sent, and lets
 * the test push what only the server starts (an offered call, the caller hanging up, a closed socket).
 * {@code media.offer} is answered by a real RTCPeerConnection on a {@link MediaPeerPage}.
 */
final class FakeAgentServer {

  static final String USERNAME = "alice";
  static final String PASSWORD = "correct horse";
  static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhLWFsaWNlIn0.fake";
  static final JsonObject AGENT = new JsonObject().put("id", "a-alice").put("username", USERNAME).put("name", "Alice Smith");
  static final List<String> NOT_READY_REASONS = List.of("break", "lunch", "training", "after_call_work");

  private final MediaPeerPage media;
  /** Every frame the page sent, over all its sockets, in order. */
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Integer> pageCloses = new CopyOnWriteArrayList<>();
  private volatile WebSocketRoute socket;
  private volatile String state = "not_ready";
  private volatile String reason = "logged_in";
  private volatile String ringingCallId;
  private volatile String callId;
  /** What /api/login answers: 200 for the right password, else this status. */
  private volatile int loginFailureStatus = 401;

  FakeAgentServer(MediaPeerPage media) {
    this.media = media;
  }

  /** Every wrap-up the page saved: {@code {callId, body}}. */
  private final List<JsonObject> wrapUps = new CopyOnWriteArrayList<>();

  /** Routes the login API, the dispositions, wrap-ups and the agent socket of page to this fake. */
  void install(Page page) {
    page.route(ClasspathWebroot.ORIGIN + "/api/login", this::login);
    page.route(ClasspathWebroot.ORIGIN + "/api/dispositions", this::dispositions);
    page.route(ClasspathWebroot.ORIGIN + "/api/calls/*/wrap-up", this::wrapUp);
    page.routeWebSocket("**/ws/agent", this::accept);
  }

  /** Two of the demo's dispositions (docs/api.md), one retired, as GET /api/dispositions answers. */
  private void dispositions(Route route) {
    JsonArray items = new JsonArray()
        .add(disposition("resolved", "Resolved", "Решено", "Вирішено", true))
        .add(disposition("complaint", "Complaint", "Жалоба", "Скарга", true))
        .add(disposition("old", "Retired", "Старый", "Старий", false));
    route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json")
        .setBody(new JsonObject().put("items", items).encode()));
  }

  private static JsonObject disposition(String code, String en, String ru, String uk, boolean active) {
    return new JsonObject().put("code", code).put("active", active).put("order", 10)
        .put("labels", new JsonObject().put("en", en).put("ru", ru).put("uk", uk));
  }

  private void wrapUp(Route route) {
    String url = route.request().url();
    String id = url.substring(url.indexOf("/api/calls/") + "/api/calls/".length(), url.lastIndexOf("/wrap-up"));
    JsonObject body = new JsonObject(route.request().postData());
    wrapUps.add(new JsonObject().put("callId", id).put("body", body)
        .put("authorization", route.request().headers().get("authorization")));
    route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json")
        .setBody(new JsonObject().put("callId", id).put("wrapUp", body).putNull("incident").encode()));
  }

  List<JsonObject> wrapUps() {
    return List.copyOf(wrapUps);
  }

  void failLoginsWith(int status) {
    loginFailureStatus = status;
  }

  private void login(Route route) {
    JsonObject body = new JsonObject(route.request().postData());
    boolean ok = USERNAME.equals(body.getString("username")) && PASSWORD.equals(body.getString("password"))
        && loginFailureStatus == 401;
    if (ok) {
      route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json").setBody(new JsonObject()
          .put("token", TOKEN).put("agent", AGENT).put("expiresInSeconds", 43_200).encode()));
    } else {
      route.fulfill(new Route.FulfillOptions().setStatus(loginFailureStatus).setContentType("application/json")
          .setBody(new JsonObject().put("error", "login failed").encode()));
    }
  }

  private void accept(WebSocketRoute ws) {
    connections.incrementAndGet();
    socket = ws;
    boolean[] authenticated = {false};
    ws.onClose((code, why) -> pageCloses.add(code));
    ws.onMessage(message -> {
      JsonObject frame = new JsonObject(message.text());
      received.add(frame);
      if (!authenticated[0]) {
        // The first frame must be a valid auth, else 4401 (docs/protocol.md "The socket").
        if (!"auth".equals(frame.getString("type")) || !TOKEN.equals(frame.getString("token"))) {
          ws.close(new WebSocketRoute.CloseOptions().setCode(4401).setReason("not authenticated"));
          return;
        }
        authenticated[0] = true;
        send(new JsonObject().put("type", "welcome").put("agent", AGENT).put("state", state).put("reason", reason)
            .put("notReadyReasons", new JsonArray(NOT_READY_REASONS)));
        return;
      }
      answer(frame);
    });
  }

  private void answer(JsonObject frame) {
    String id = frame.getString("id");
    switch (frame.getString("type")) {
      case "ping" -> send(new JsonObject().put("type", "pong"));
      case "media.offer" -> {
        String sdp = media.answer(frame.getString("sdp"));
        send(new JsonObject().put("type", "media.answer").put("sdp", sdp).put("sessionId", "fake-session"));
      }
      case "state.set" -> changeState(frame.getString("state"), frame.getString("reason"));
      case "call.answer" -> {
        callId = ringingCallId;
        ringingCallId = null;
        send(new JsonObject().put("type", "call.answered").put("callId", callId).put("answeredAt", Instant.now().toString()));
        changeState("on_call", null);
        media.connectCaller();
      }
      case "call.reject" -> {
        ringingCallId = null;
        send(new JsonObject().put("type", "call.offer_cancelled").put("callId", frame.getString("callId"))
            .put("reason", "rejected"));
        changeState("ready", null);
      }
      case "call.hold" -> send(new JsonObject().put("type", "call.held").put("callId", callId).put("on", frame.getBoolean("on")));
      case "call.mute" -> send(new JsonObject().put("type", "call.muted").put("callId", callId).put("on", frame.getBoolean("on")));
      case "call.hangup" -> endCall("agent", 7);
      default -> { }
    }
    if (id != null) send(new JsonObject().put("type", "ack").put("id", id));
  }

  /** The router offers a call to this agent. */
  void offerCall(String id, String from, String to, String queueName, int ringTimeoutSeconds) {
    ringingCallId = id;
    changeState("ringing", null);
    send(new JsonObject().put("type", "call.offer").put("callId", id).put("from", from).put("to", to)
        .put("queue", new JsonObject().put("id", queueName.toLowerCase()).put("name", queueName))
        .put("ringTimeoutSeconds", ringTimeoutSeconds));
  }

  /** The caller hangs up while talking to the agent. */
  void callerHangsUp(int durationSeconds) {
    endCall("caller", durationSeconds);
  }

  private void endCall(String by, int durationSeconds) {
    media.disconnectCaller();
    send(new JsonObject().put("type", "call.ended").put("callId", callId).put("by", by).put("durationSeconds", durationSeconds));
    callId = null;
    changeState("ready", null);
  }

  /** The server closes the page's socket (4401 expired token, 4409 another tab, 1012 restart…). */
  void closeSocket(int code) {
    socket.close(new WebSocketRoute.CloseOptions().setCode(code).setReason("closed by the test"));
  }

  private void changeState(String newState, String newReason) {
    state = newState;
    reason = newReason;
    JsonObject frame = new JsonObject().put("type", "state").put("state", newState).put("since", Instant.now().toString());
    if (newReason != null) frame.put("reason", newReason);
    send(frame);
  }

  private void send(JsonObject frame) {
    socket.send(frame.encode());
  }

  /** The frames of that type the page sent, oldest first. */
  List<JsonObject> received(String type) {
    return received.stream().filter(f -> type.equals(f.getString("type"))).toList();
  }

  List<JsonObject> received() {
    return List.copyOf(received);
  }

  int connections() {
    return connections.get();
  }

  /** Close codes of sockets the page closed itself. */
  List<Integer> pageCloses() {
    return List.copyOf(pageCloses);
  }
}
