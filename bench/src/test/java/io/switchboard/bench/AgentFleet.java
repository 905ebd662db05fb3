package io.switchboard.bench;

import io.switchboard.media.testpeer.PeerLoop;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.Passwords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The synthetic agents of a run: their accounts in the store, logged in and Ready, answering every offer. The fleet
 * grows between steps ({@link #growTo}); its agents share one {@link PeerLoop}, one HTTP client and one WebSocket
 * client, so a thousand of them cost a handful of threads.
 */
final class AgentFleet implements AutoCloseable {
  private static final String PASSWORD = "bench-agent";
  /** Logins at once: each is a bcrypt check on the server and a DTLS handshake on both sides. */
  private static final int LOGIN_PARALLELISM = 8;

  private final SwitchboardServer server;
  private final PeerLoop loop;
  private final LoginRelays relays;
  private final String hash = Passwords.hash(PASSWORD);
  private final HttpClient http = HttpClient.newHttpClient();
  private final WebSocketClient sockets;
  private final List<BenchAgent> agents = new ArrayList<>();

  private AgentFleet(SwitchboardServer server, PeerLoop loop, LoginRelays relays, WebSocketClient sockets) {
    this.server = server;
    this.loop = loop;
    this.relays = relays;
    this.sockets = sockets;
  }

  /** An empty fleet that can grow to {@code maxAgents}. */
  static AgentFleet create(Vertx vertx, SwitchboardServer server, PeerLoop loop, int maxAgents) throws Exception {
    return new AgentFleet(server, loop, LoginRelays.start(vertx, server.httpPort(), maxAgents),
        vertx.createWebSocketClient());
  }

  /** Creates accounts and logs in agents until there are {@code count}, all Ready. */
  void growTo(int count) throws Exception {
    List<BenchAgent> added = new ArrayList<>();
    List<Future<Void>> saved = new ArrayList<>();
    for (int i = agents.size(); i < count; i++) {
      String username = String.format("bench%04d", i + 1);
      // One bcrypt hash for every account: hashing is slow on purpose, and the accounts differ only by name.
      saved.add(server.store().saveAgent(new AgentAccount("a-" + username, username, "Bench agent " + (i + 1),
          hash)));
      added.add(new BenchAgent(loop, relays.portFor(i), username));
    }
    agents.addAll(added);
    Future.all(saved).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Semaphore permits = new Semaphore(LOGIN_PARALLELISM);
    List<CompletableFuture<Void>> started = new ArrayList<>();
    java.util.concurrent.atomic.AtomicReference<Throwable> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
    for (BenchAgent agent : added) {
      permits.acquire();
      if (firstFailure.get() != null) {
        // One login failed (on this machine: DTLS handshakes timing out once it is saturated): stop logging in
        // more, each would wait out its own timeout.
        permits.release();
        break;
      }
      started.add(agent.start(http, sockets, PASSWORD).whenComplete((v, e) -> {
        if (e != null) {
          firstFailure.compareAndSet(null, e);
        }
        permits.release();
      }));
    }
    CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    if (firstFailure.get() != null) {
      throw new IllegalStateException("a login failed: " + firstFailure.get(), firstFailure.get());
    }
  }

  List<BenchAgent> agents() {
    return agents;
  }

  void reset() {
    agents.forEach(BenchAgent::reset);
  }

  int answered() {
    return agents.stream().mapToInt(BenchAgent::answered).sum();
  }

  int ended() {
    return agents.stream().mapToInt(BenchAgent::ended).sum();
  }

  /** RTP packets the agents received so far (the caller → agent direction the server forwarded). */
  long rtpReceived() {
    return agents.stream().mapToLong(a -> a.media().rtpReceived()).sum();
  }

  @Override
  public void close() {
    agents.forEach(BenchAgent::close);
    relays.close();
    sockets.close();
  }
}
