package io.switchboard.e2e;

import com.microsoft.playwright.Playwright;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the real server in this JVM for every test — random HTTP and WebRTC ports, embedded MongoDB in a fresh temp
 * folder — and stops it afterwards, so each test starts with no sessions. Playwright (its driver only; the browser
 * is Debian's Chromium) lives for the whole class.
 */
public abstract class RunningServerTest {

  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  protected static Playwright playwright;


  @TempDir
  protected Path dataDir;

  protected Vertx vertx;
  protected SwitchboardServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startPlaywright() {
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  @AfterAll
  static void stopPlaywright() {
    if (playwright != null) playwright.close();
  }

  @BeforeEach
  void startServer() throws Exception {
    vertx = Vertx.vertx();
    List<String> args = new java.util.ArrayList<>(List.of(
        "--http.port=0",
        "--media.webrtc.port=0",
        "--sip.bind-host=127.0.0.1",
        "--sip.port=0",
        "--demo.shop-port=0",
        "--media.rtp.bind-host=127.0.0.1",
        "--data.dir=" + dataDir.toAbsolutePath()));
    args.addAll(extraArgs());
    Config config = Config.load(Map.of(), args);
    server = await(SwitchboardServer.start(vertx, config));
  }

  /** More settings for this test class, e.g. {@code --demo.enabled=true}. */
  protected List<String> extraArgs() {
    return List.of();
  }

  @AfterEach
  void stopServer() throws Exception {
    try {
      if (server != null) await(server.stop());
    } finally {
      await(vertx.close());
    }
  }

  /** The history record of a call, once the server has written it (it does so after the recording is final). */
  protected JsonObject awaitCallRecord(String callId) throws Exception {
    JsonObject[] found = new JsonObject[1];
    io.switchboard.media.testpeer.Await.until(() -> {
      try {
        // The record is written while the call is up ("in_progress"); wait for the final one.
        java.util.Optional<JsonObject> record = await(server.store().call(callId))
            .filter(r -> !"in_progress".equals(r.getString("outcome")));
        record.ifPresent(r -> found[0] = r);
        return record.isPresent();
      } catch (Exception e) {
        return false;
      }
    }, Duration.ofSeconds(10), "the history record of " + callId);
    return found[0];
  }

  /** The page origin: getUserMedia needs a secure context, and http://localhost is one. */
  protected String baseUrl() {
    return "http://localhost:" + server.httpPort();
  }

  protected JsonObject getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }

  /** Signs in through {@code POST /api/login}; the bearer token for the REST API. */
  protected String loginToken(String username, String password) throws IOException, InterruptedException {
    String body = new JsonObject().put("username", username).put("password", password).encode();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/login"))
            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("login of " + username + " answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body()).getString("token");
  }

  /** {@code GET path} with a bearer token; 200 expected. */
  protected JsonObject getJson(String path, String token) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }

  protected static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }
}
