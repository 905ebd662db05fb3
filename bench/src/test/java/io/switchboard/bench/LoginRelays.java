package io.switchboard.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TCP relays in front of the server's HTTP port, each connecting from its own loopback address (127.0.1.k). The
 * server allows 10 logins per minute per address (signaling's LoginRateLimiter), as it should for real clients;
 * a fleet of agents on one machine spreads its logins over addresses instead of waiting. The login, the agent
 * socket and everything on them pass unchanged.
 */
final class LoginRelays implements AutoCloseable {
  /** Logins one address may make at once (the limiter's burst). */
  static final int AGENTS_PER_ADDRESS = 10;

  private final List<NetServer> servers;
  private final List<NetClient> clients;

  private LoginRelays(List<NetServer> servers, List<NetClient> clients) {
    this.servers = servers;
    this.clients = clients;
  }

  /** Enough relays for {@code agents} agents, to the HTTP server on 127.0.0.1:{@code httpPort}. */
  static LoginRelays start(Vertx vertx, int httpPort, int agents) throws Exception {
    int count = (agents + AGENTS_PER_ADDRESS - 1) / AGENTS_PER_ADDRESS;
    if (count > 254) {
      throw new IllegalArgumentException("at most " + 254 * AGENTS_PER_ADDRESS + " agents");
    }
    List<NetServer> servers = new ArrayList<>();
    List<NetClient> clients = new ArrayList<>();
    List<Future<NetServer>> listening = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      NetClient client = vertx.createNetClient(new NetClientOptions().setLocalAddress("127.0.1." + k));
      NetServer server = vertx.createNetServer().connectHandler(in -> relay(in, client, httpPort));
      clients.add(client);
      servers.add(server);
      listening.add(server.listen(0, "127.0.0.1"));
    }
    Future.all(listening).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return new LoginRelays(servers, clients);
  }

  private static void relay(NetSocket in, NetClient client, int httpPort) {
    in.pause();
    client.connect(httpPort, "127.0.0.1").onComplete(connected -> {
      if (connected.failed()) {
        in.close();
        return;
      }
      NetSocket out = connected.result();
      in.pipeTo(out);
      out.pipeTo(in);
    });
  }

  /** The port the {@code index}-th agent (from 0) logs in through. */
  int portFor(int index) {
    return servers.get(index / AGENTS_PER_ADDRESS).actualPort();
  }

  @Override
  public void close() {
    servers.forEach(NetServer::close);
    clients.forEach(NetClient::close);
  }
}
