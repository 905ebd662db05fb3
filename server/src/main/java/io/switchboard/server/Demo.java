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
 * queue, two agents and a supervisor (also admin) with known passwords (printed at start), and a known customer
 * (the e2e tests' caller) with an open incident. Seeding is idempotent.
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
        .put("dids", new JsonArray().add(DID).add("4930555000").add("100").add(DemoRouting.HOTLINE)
            .add(DemoRouting.HOTLINE.substring(1)));
    JsonObject queue = new JsonObject().put("_id", "support").put("name", "Support")
        .put("dids", new JsonArray().add(DID).add("4930555000").add("100"));
    // bcrypt is slow on purpose: hash off the event loop.
    return vertx.executeBlocking(() -> AGENTS.stream()
            .map(a -> new AgentAccount(a[0], a[1], a[2], Passwords.hash(a[3]), List.of(a[4].split(",")))).toList())
        .compose(accounts -> Future.all(accounts.stream().map(store::saveAgent).toList()))
        .compose(v -> store.saveTrunk(trunk))
        .compose(v -> store.saveQueue(queue))
        .compose(v -> seedCustomer(store));
  }

  /** The e2e tests' caller: a known customer, so their card shows on ringing. */
  static final String CUSTOMER_NUMBER = "+4930123456";

  private static Future<Void> seedCustomer(Store store) {
    JsonObject now = new JsonObject().put("$date", java.time.Instant.now().toString());
    JsonObject customer = new JsonObject().put("_id", "cu-demo-romashka")
        .put("numbers", new JsonArray().add(CUSTOMER_NUMBER)).put("name", "ТОВ Ромашка / Romashka LLC")
        .put("segment", "key account").put("personalManager", "a-alice")
        .put("backupManagers", new JsonArray().add("a-bob")).put("vip", true).put("blacklisted", false)
        .put("tags", new JsonArray().add("demo")).put("createdAt", now).put("updatedAt", now);
    JsonObject incident = new JsonObject().put("_id", "in-demo-romashka-1").put("customerId", customer.getString("_id"))
        .put("priority", 2).put("status", "open").put("title", "Partial outage: calls to the Kyiv office drop")
        .put("description", "Demo incident: about one call in five to the Kyiv office drops after a minute.")
        .put("callIds", new JsonArray()).put("createdBy", "a-sam").put("createdAt", now).put("updatedAt", now);
    return store.customers().byId(customer.getString("_id"))
        .compose(found -> found.isPresent() ? Future.succeededFuture() : store.customers().insert(customer))
        .compose(v -> store.incidents().byId(incident.getString("_id")))
        .compose(found -> found.isPresent() ? Future.succeededFuture() : store.incidents().insert(incident));
  }

  static void printCredentials() {
    System.out.println("  Demo agents:   " + String.join(", ",
        AGENTS.stream().map(a -> a[1] + " / " + a[3] + " (" + a[4].replace(",", "+") + ")").toList()));
    System.out.println("  Demo hotline:  sip:" + DID + "@127.0.0.1 (trunk demo-carrier accepts calls from this "
        + "machine)");
  }
}
