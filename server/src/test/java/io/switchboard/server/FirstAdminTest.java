package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.server.config.Config;
import io.switchboard.server.metrics.ServerMetrics;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new installation without demo data can be signed in to: the first start makes the one admin account, with the
 * configured password or a generated one in an owner-only file; a store that has accounts gets none.
 */
class FirstAdminTest {

  @TempDir
  Path dataDir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Vertx vertx;
  private SwitchboardServer server;

  @AfterEach
  void stop() throws Exception {
    try {
      if (server != null) {
        await(server.stop());
      }
    } finally {
      if (vertx != null) {
        await(vertx.close());
      }
    }
  }

  private void start(String... extraArgs) throws Exception {
    PrometheusMeterRegistry registry = ServerMetrics.newRegistry();
    vertx = ServerMetrics.vertx(registry);
    List<String> args = new ArrayList<>(List.of("--http.host=127.0.0.1", "--http.port=0", "--data.dir=" + dataDir,
        "--mongodb.embedded.port=0", "--media.webrtc.bind-host=127.0.0.1", "--media.webrtc.port=0",
        "--media.rtp.bind-host=127.0.0.1", "--sip.bind-host=127.0.0.1", "--sip.port=0",
        "--shutdown.timeout-seconds=5"));
    args.addAll(List.of(extraArgs));
    server = await(SwitchboardServer.start(vertx, Config.load(System.getenv(), args), registry));
  }

  private void restart(String... extraArgs) throws Exception {
    stop();
    server = null;
    start(extraArgs);
  }

  private int login(String username, String password) throws Exception {
    String body = new JsonObject().put("username", username).put("password", password).encode();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.httpPort() + "/api/login")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  @Test
  void noDemo_configuredPassword_signsInAsAdmin_andNoFileIsWritten() throws Exception {
    start("--demo.enabled=false", "--auth.first-admin-password=first-sign-in");

    assertThat(login("admin", "first-sign-in")).isEqualTo(200);
    assertThat(login("admin", "wrong-password")).isEqualTo(401);
    List<AgentAccount> accounts = await(server.store().accounts());
    assertThat(accounts).singleElement().satisfies(a -> {
      assertThat(a.roles()).containsExactly(AgentAccount.ADMIN);
      assertThat(a.passwordHash()).doesNotContain("first-sign-in");
    });
    assertThat(dataDir.resolve(FirstAdmin.PASSWORD_FILE)).doesNotExist();
  }

  @Test
  void noDemo_noPassword_generatesOneIntoAnOwnerOnlyFile_onlyOnce() throws Exception {
    start("--demo.enabled=false");
    Path file = dataDir.resolve(FirstAdmin.PASSWORD_FILE);
    String password = Files.readString(file).strip();
    assertThat(password).hasSize(20);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(login("admin", password)).isEqualTo(200);

    // The store has an account now: a restart neither adds one nor changes the password.
    restart("--demo.enabled=false");
    assertThat(login("admin", password)).isEqualTo(200);
    assertThat(await(server.store().accounts())).hasSize(1);
  }

  @Test
  void demoData_hasItsOwnAccounts_noAdminIsAdded() throws Exception {
    start("--demo.enabled=true", "--demo.shop-port=0");
    assertThat(await(server.store().accounts())).extracting(AgentAccount::username).doesNotContain("admin");
    assertThat(dataDir.resolve(FirstAdmin.PASSWORD_FILE)).doesNotExist();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
