package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.Passwords;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;

/** For tests in any package: an agent account in the server's store, signed in through {@code POST /api/login}. */
public final class TestAccounts {

  public static final String PASSWORD = "test-account-password";

  private TestAccounts() {
  }

  /** Saves the agent {@code username} (id {@code a-<username>}) and returns their login token. */
  public static String agentToken(SwitchboardServer server, WebClient client, String username) throws Exception {
    await(server.store().saveAgent(new AgentAccount("a-" + username, username, username, Passwords.hash(PASSWORD))));
    HttpResponse<Buffer> login = await(client.post("/api/login").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(new JsonObject().put("username", username).put("password", PASSWORD).encode())));
    assertThat(login.statusCode()).as("login of %s: %s", username, login.bodyAsString()).isEqualTo(200);
    return login.bodyAsJsonObject().getString("token");
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }
}
