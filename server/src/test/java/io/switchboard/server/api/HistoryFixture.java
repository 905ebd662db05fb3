package io.switchboard.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.TestServers;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.Passwords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real server (fake media) with accounts of every role and a handful of stored calls, and a client that logs in
 * as any of them. One per test class: the tests only read, except the audit, which each test checks by call id.
 */
final class HistoryFixture {

  static final String PASSWORD = "history-test-password";
  /** Alice and Bob are agents, Sam a supervisor, Ada an admin, Nora has no role at all. */
  static final List<AgentAccount> ACCOUNTS = accounts();

  /** Bob's name is Cyrillic, so exports are checked for UTF-8 end to end. */
  static final String BOB_NAME = "Борис Петров";
  static final String INJECTION = "=cmd|' /C calc'!A0";

  final Vertx vertx;
  final SwitchboardServer server;
  final WebClient client;
  final Path recordings;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  private HistoryFixture(Vertx vertx, SwitchboardServer server, Path dataDir) {
    this.vertx = vertx;
    this.server = server;
    this.recordings = dataDir.resolve("recordings");
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.httpPort()));
  }

  static HistoryFixture start(Vertx vertx, Path dataDir) throws Exception {
    HistoryFixture fixture = new HistoryFixture(vertx, await(TestServers.withFakeMedia(vertx, dataDir)), dataDir);
    fixture.seed();
    return fixture;
  }

  void stop() throws Exception {
    client.close();
    await(server.stop());
  }

  private static List<AgentAccount> accounts() {
    String hash = Passwords.hash(PASSWORD);
    return List.of(
        new AgentAccount("a-alice", "alice", "Alice Smith", hash),
        new AgentAccount("a-bob", "bob", BOB_NAME, hash),
        new AgentAccount("a-sam", "sam", "Sam Taylor", hash, List.of(AgentAccount.SUPERVISOR)),
        new AgentAccount("a-ada", "ada", "Ada Admin", hash, List.of(AgentAccount.ADMIN)),
        new AgentAccount("a-nora", "nora", "Nora Nobody", hash, List.of()));
  }

  /** The calls, oldest first. */
  private void seed() throws Exception {
    for (AgentAccount account : ACCOUNTS) {
      await(server.store().saveAgent(account));
    }
    save(call("c-1", "+4930111111", "+4930555000", "support", "Support", "a-alice", "answered",
        "2026-03-01T08:00:00Z").put("recording", recording("2026-03-01/c-1.wav")));
    save(call("c-2", "+4930222222", "+4930555000", "sales", "Sales; EU", "a-bob", "answered",
        "2026-03-02T09:00:00Z").put("recording", recording("2026-03-02/c-2.wav")));
    save(call("c-3", INJECTION, "+4930555001", "support", "Support", null, "abandoned", "2026-03-03T10:00:00Z"));
    save(call("c-4", "+4930444444", "+4930555000", "support", "Support", "a-alice", "answered",
        "2026-03-04T11:00:00Z").put("recording", recording("../../jwt-secret")));
    save(call("c-5", "+4930111111", "+4930555000", "support", "Support", "a-alice", "answered",
        "2026-03-05T12:00:00Z"));
    save(call("c-6", "+4930666666", "+4930555000", "support", "Support", "a-alice", "answered",
        "2026-03-06T13:00:00Z").put("recording", recording("2026-03-06/c-6.wav")));
    writeRecording("2026-03-01/c-1.wav", 1000);
    writeRecording("2026-03-02/c-2.wav", 600);
    // c-6's file was never written (or was deleted): the record says there is one.
  }

  private void save(JsonObject call) throws Exception {
    await(server.store().saveCall(call));
  }

  static JsonObject call(String id, String from, String to, String queueId, String queueName, String agentId,
      String outcome, String arrivedAt) {
    Instant arrived = Instant.parse(arrivedAt);
    AgentAccount agent = ACCOUNTS.stream().filter(a -> a.id().equals(agentId)).findFirst().orElse(null);
    boolean answered = agent != null;
    return new JsonObject()
        .put("_id", id)
        .put("sipCallId", id + "@sipp")
        .put("trunk", "demo-carrier")
        .put("from", from)
        .put("fromRaw", "sip:" + from + "@127.0.0.1")
        .put("to", to)
        .put("toRaw", "sip:" + to + "@127.0.0.1")
        .put("queue", new JsonObject().put("id", queueId).put("name", queueName))
        .put("agent", answered ? new JsonObject().put("id", agent.id()).put("username", agent.username())
            .put("name", agent.name()) : null)
        .put("arrivedAt", date(arrived))
        .put("queuedAt", date(arrived))
        .put("offeredAt", answered ? date(arrived.plusSeconds(1)) : null)
        .put("answeredAt", answered ? date(arrived.plusSeconds(3)) : null)
        .put("endedAt", date(arrived.plusSeconds(45)))
        .put("offers", answered ? 1 : 0)
        .put("outcome", outcome)
        .put("hungUpBy", "caller")
        .put("talkSeconds", answered ? 42 : 0)
        .put("recording", null)
        .put("timeline", new JsonArray().add(new JsonObject().put("at", arrived.toString()).put("event", "arrived")));
  }

  private static JsonObject recording(String file) {
    return new JsonObject().put("file", file).put("durationMillis", 42_000).put("bytes", 1000);
  }

  private static JsonObject date(Instant instant) {
    return new JsonObject().put("$date", instant.toString());
  }

  /** Bytes 0, 1, …, 255, 0, 1, … so any range can be checked by position. */
  void writeRecording(String name, int size) throws Exception {
    Path file = recordings.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, pattern(0, size));
  }

  static byte[] pattern(int first, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (first + i);
    }
    return bytes;
  }

  /** The login token of {@code username} (logging in once through {@code POST /api/login}). */
  String token(String username) throws Exception {
    String token = tokens.get(username);
    if (token == null) {
      HttpResponse<Buffer> login = await(client.post("/api/login").putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(new JsonObject().put("username", username).put("password", PASSWORD).encode())));
      assertThat(login.statusCode()).as("login of %s: %s", username, login.bodyAsString()).isEqualTo(200);
      token = login.bodyAsJsonObject().getString("token");
      tokens.put(username, token);
    }
    return token;
  }

  HttpResponse<Buffer> get(String uri, String username) throws Exception {
    return await(as(client.get(uri), username).send());
  }

  HttpRequest<Buffer> as(HttpRequest<Buffer> request, String username) throws Exception {
    return username == null ? request : request.putHeader("Authorization", "Bearer " + token(username));
  }

  HttpResponse<Buffer> anonymous(String uri) throws Exception {
    return await(client.get(uri).send());
  }

  static <T> T await(Future<T> future) throws TimeoutException {
    return future.await(20, TimeUnit.SECONDS);
  }
}
