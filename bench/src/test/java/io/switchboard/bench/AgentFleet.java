package io.switchboard.bench;

import io.switchboard.server.SwitchboardServer;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.Passwords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The synthetic agents of a run: their accounts in the store, logged in and Ready, answering every offer. */
final class AgentFleet implements AutoCloseable {
  private static final String PASSWORD = "bench-agent";
  /** Logins at once: each is a bcrypt check on the server and a DTLS handshake on both sides. */
  private static final int LOGIN_PARALLELISM = 4;

  private final List<SyntheticAgent> agents;
  private final LoginRelays relays;

  private AgentFleet(List<SyntheticAgent> agents, LoginRelays relays) {
    this.agents = agents;
    this.relays = relays;
  }

  /** Creates {@code count} agent accounts, then logs them all in and makes them Ready. */
  static AgentFleet logIn(Vertx vertx, SwitchboardServer server, int count, Duration longestCall) throws Exception {
    // One bcrypt hash for every account: hashing is slow on purpose, and the accounts differ only by name.
    String hash = Passwords.hash(PASSWORD);
    List<Future<Void>> saved = new ArrayList<>();
    List<SyntheticAgent> agents = new ArrayList<>();
    LoginRelays relays = LoginRelays.start(vertx, server.httpPort(), count);
    for (int i = 0; i < count; i++) {
      String username = String.format("bench%04d", i + 1);
      saved.add(server.store().saveAgent(new AgentAccount("a-" + username, username, "Bench agent " + (i + 1),
          hash)));
      agents.add(new SyntheticAgent(vertx, relays.portFor(i), username, longestCall));
    }
    AgentFleet fleet = new AgentFleet(agents, relays);
    Future.all(saved).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    ExecutorService logins = Executors.newFixedThreadPool(LOGIN_PARALLELISM);
    try {
      List<java.util.concurrent.Future<?>> started = new ArrayList<>();
      for (SyntheticAgent agent : agents) {
        started.add(logins.submit(() -> {
          agent.start(PASSWORD);
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : started) {
        f.get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      fleet.close();
      throw e;
    } finally {
      logins.shutdownNow();
    }
    return fleet;
  }

  List<SyntheticAgent> agents() {
    return agents;
  }

  int answered() {
    return agents.stream().mapToInt(SyntheticAgent::answered).sum();
  }

  int ended() {
    return agents.stream().mapToInt(SyntheticAgent::ended).sum();
  }

  void stopAnswering() throws InterruptedException {
    agents.forEach(SyntheticAgent::stopAnswering);
    for (SyntheticAgent agent : agents) {
      agent.awaitStopped();
    }
  }

  @Override
  public void close() {
    for (SyntheticAgent agent : agents) {
      agent.close();
    }
    relays.close();
  }
}
