package io.switchboard.signaling;

import static io.switchboard.signaling.FakeAgent.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server with agent signaling mounted, fake call control, an in-memory account store, and clients that
 * talk to it over TCP: what server/ will wire, minus the call control.
 */
final class AgentDesk {

  static final String ALICE_PASSWORD = "correct horse battery staple";
  static final String BOB_PASSWORD = "hunter2-but-longer";
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);

  /** Hashing takes a while; once for all tests. */
  private static final Map<String, AgentAccount> ACCOUNTS = Map.of(
      "alice", new AgentAccount("a-alice", "alice", "Alice Smith", Passwords.hash(ALICE_PASSWORD)),
      "bob", new AgentAccount("a-bob", "bob", "Bob Jones", Passwords.hash(BOB_PASSWORD)));

  record Reply(int status, MultiMap headers, Buffer body) {
    JsonObject json() {
      return body.toJsonObject();
    }
  }

  final Vertx vertx;
  final SignalingConfig config;
  final FakeCallControl callControl = new FakeCallControl();
  final Map<String, AgentAccount> accounts = new ConcurrentHashMap<>(ACCOUNTS);
  final AgentSignaling signaling;
  private final HttpServer server;
  private final HttpClient http;
  private final WebSocketClient wsClient;

  private AgentDesk(Vertx vertx, SignalingConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.signaling = AgentSignaling.create(vertx, config,
        username -> Future.succeededFuture(Optional.ofNullable(accounts.get(username))), callControl);
    Router router = Router.router(vertx);
    signaling.mount(router);
    // As documented on AgentSignaling; kept larger than maxFrameBytes so the socket's own check is what closes.
    this.server = vertx.createHttpServer(new HttpServerOptions()
            .setMaxWebSocketFrameSize(4 * config.maxFrameBytes())
            .setMaxWebSocketMessageSize(4 * config.maxFrameBytes()))
        .requestHandler(router);
    await(server.listen(0, "127.0.0.1"));
    this.http = vertx.createHttpClient();
    this.wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(4 * config.maxFrameBytes()).setMaxMessageSize(4 * config.maxFrameBytes()));
  }

  static AgentDesk start(Vertx vertx) {
    return start(vertx, SignalingConfig.withSecret(SECRET));
  }

  static AgentDesk start(Vertx vertx, SignalingConfig config) {
    return new AgentDesk(vertx, config);
  }

  int port() {
    return server.actualPort();
  }

  Reply post(String contentType, String body) {
    return await(http.request(HttpMethod.POST, port(), "127.0.0.1", "/api/login").compose(request -> {
      if (contentType != null) {
        request.putHeader("Content-Type", contentType);
      }
      return request.send(body).compose(response -> response.body()
          .map(b -> new Reply(response.statusCode(), response.headers(), b)));
    }));
  }

  Reply login(String username, String password) {
    return post("application/json", new JsonObject().put("username", username).put("password", password).encode());
  }

  String tokenFor(String username, String password) {
    Reply reply = login(username, password);
    assertThat(reply.status()).as("login of %s: %s", username, reply.body()).isEqualTo(200);
    return reply.json().getString("token");
  }

  /** A socket that has not authenticated yet. */
  FakeAgent connect() {
    return new FakeAgent(await(wsClient.connect(port(), "127.0.0.1", "/ws/agent")));
  }

  /** Alice, logged in, past the welcome, with call control told. */
  FakeAgent alice() {
    return authenticated("alice", ALICE_PASSWORD);
  }

  FakeAgent authenticated(String username, String password) {
    FakeAgent agent = connect().auth(tokenFor(username, password));
    agent.next("welcome");
    callControl.next("connected");
    return agent;
  }

  void stop() {
    await(signaling.close());
    await(server.close());
  }
}
