package io.switchboard.server;

import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.Passwords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Demo data for {@code ./switchboard run}: a trunk that accepts calls from this machine, its dialled numbers, a
 * queue, two agents and a supervisor (also admin) with known passwords (printed at start). Seeding is idempotent.
 */
final class Demo {
  static final String DID = "+4930555000";
  /** id, username, name, password, roles (comma-separated). */
  static final List<String[]> AGENTS = List.of(
      new String[] {"a-alice", "alice", "Alice Smith", "alice-demo", "agent"},
      new String[] {"a-bob", "bob", "Bob Jones", "bob-demo", "agent"},
      new String[] {"a-sam", "sam", "Sam Taylor", "sam-demo", "supervisor,admin"});

  private Demo() {
  }

  static Future<Void> seed(Vertx vertx, Store store) {
    JsonObject trunk = new JsonObject().put("_id", "demo-carrier")
        .put("allowedSources", new JsonArray().add("127.0.0.0/8").add("::1"))
        .put("dids", new JsonArray().add(DID).add("4930555000").add("100"));
    JsonObject queue = new JsonObject().put("_id", "support").put("name", "Support")
        .put("dids", new JsonArray().add(DID).add("4930555000").add("100"));
    // bcrypt is slow on purpose: hash off the event loop.
    return vertx.executeBlocking(() -> AGENTS.stream()
            .map(a -> new AgentAccount(a[0], a[1], a[2], Passwords.hash(a[3]), List.of(a[4].split(",")))).toList())
        .compose(accounts -> Future.all(accounts.stream().map(store::saveAgent).toList()))
        .compose(v -> store.saveTrunk(trunk))
        .compose(v -> store.saveQueue(queue));
  }

  static void printCredentials() {
    System.out.println("  Demo agents:   " + String.join(", ",
        AGENTS.stream().map(a -> a[1] + " / " + a[3] + " (" + a[4].replace(",", "+") + ")").toList()));
    System.out.println("  Demo hotline:  sip:" + DID + "@127.0.0.1 (trunk demo-carrier accepts calls from this "
        + "machine)");
  }
}
