package io.switchboard.server;

import io.switchboard.server.routingconfig.RoutingConfigStore;
import io.switchboard.server.calls.CallsConfig;
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
  /** The demo hotline: the full flow (hours, lists, customer check, menu, survey). */
  static final String HOTLINE_DID = "+4930555001";
  /** A black-listed caller of the demo hotline: hears "refused" and is hung up on. */
  static final String BLOCKED_NUMBER = "+4930666000";
  static final String VIP_NUMBER = "+4930777000";
  /** The website entry point the demo shop's widget calls: the hotline flow. */
  static final String WEB_ENTRY = "shop";
  /** id, username, name, password, roles (comma-separated). */
  static final List<String[]> AGENTS = List.of(
      new String[] {"a-alice", "alice", "Alice Smith", "alice-demo", "agent"},
      new String[] {"a-bob", "bob", "Bob Jones", "bob-demo", "agent"},
      new String[] {"a-sam", "sam", "Sam Taylor", "sam-demo", "supervisor,admin"});

  private Demo() {
  }

  /**
   * @param calls       the queues ring as long as {@code calls.ring-timeout-seconds} says ({@code max-missed-offers}
   *                    too)
   * @param shopOrigins the demo shop's page origins, allowed to call the hotline from the widget (entry {@link
   *                    #WEB_ENTRY})
   */
  static Future<Void> seed(Vertx vertx, Store store, CallsConfig calls, List<String> shopOrigins) {
    JsonObject trunk = new JsonObject().put("_id", "demo-carrier")
        .put("allowedSources", new JsonArray().add("127.0.0.0/8").add("::1"))
        .put("dids", new JsonArray().add(DID).add("4930555000").add("100").add(HOTLINE_DID).add("4930555001"));
    JsonObject queue = new JsonObject().put("_id", "support").put("name", "Support")
        .put("dids", new JsonArray().add(DID).add("4930555000").add("100"));
    // bcrypt is slow on purpose: hash off the event loop.
    return vertx.executeBlocking(() -> AGENTS.stream()
            .map(a -> new AgentAccount(a[0], a[1], a[2], Passwords.hash(a[3]), List.of(a[4].split(",")))).toList())
        .compose(accounts -> Future.all(accounts.stream().map(store::saveAgent).toList()))
        .compose(v -> store.saveTrunk(trunk))
        .compose(v -> store.saveQueue(queue))
        .compose(v -> seedRoutingConfig(store, calls, shopOrigins))
        .compose(v -> seedCustomer(store));
  }

  /**
   * Queues support and sales, Alice and Bob in group g-kyiv (supervisor Sam), the not-ready reasons, and two entry
   * points: {@link #DID} rings the support queue directly (the e2e tests rely on an agent ringing at once), and
   * {@link #HOTLINE_DID} runs the hotline flow, open around the clock so the demo works at any hour. Each document is
   * written only when it was never stored, so an admin's changes (deletions too) survive a restart.
   */
  static Future<Void> seedRoutingConfig(Store store, CallsConfig calls, List<String> shopOrigins) {
    JsonObject ringNoAnswer = new JsonObject().put("offerTimeout", calls.ringTimeout().toSeconds())
        .put("missesBeforeNotReady", calls.maxMissedOffers()).put("announceEvery", 60);
    List<JsonObject[]> docs = List.of(
        doc("queue", new JsonObject().put("id", "support").put("name", "Support").put("wrapUp", 5)
            .put("whenMaxWait", "voicemail").mergeIn(ringNoAnswer)),
        doc("queue", new JsonObject().put("id", "sales").put("name", "Sales").mergeIn(ringNoAnswer)
            .put("whenNoAgents", new JsonObject().put("kind", "queue").put("queue", "support"))),
        doc("group", new JsonObject().put("id", "g-kyiv").put("name", "Kyiv")
            .put("members", new JsonArray().add("a-alice").add("a-bob")).put("supervisors", new JsonArray().add("a-sam"))),
        doc("agent", new JsonObject().put("id", "a-alice").put("skills", new JsonObject().put("english", 5)
            .put("russian", 4)).put("queues", new JsonArray().add("support").add("sales"))),
        doc("agent", new JsonObject().put("id", "a-bob").put("skills", new JsonObject().put("english", 3)
            .put("ukrainian", 5)).put("queues", new JsonArray().add("support"))),
        doc("settings", new JsonObject().put("id", "default").put("notReadyReasons", new JsonArray()
            .add("break").add("lunch").add("training").add("meeting").add("after_call_work"))),
        doc("flow", new JsonObject().put("id", "support-direct").put("entry", "support")
            .put("steps", new JsonObject().put("support", new JsonObject().put("type", "queue").put("queue", "support")))),
        doc("flow", hotline()),
        doc("entry-points", new JsonObject().put("id", "default").put("numbers", new JsonObject()
            .put(DID, "support-direct").put(HOTLINE_DID, "hotline"))
            .put("web", new JsonObject().put(WEB_ENTRY, new JsonObject().put("flow", "hotline")
                .put("origins", new JsonArray(shopOrigins))))));
    Future<Void> chain = Future.succeededFuture();
    for (JsonObject[] d : docs) {
      chain = chain.compose(v -> RoutingConfigStore.seedIfAbsent(store, d[0].getString("kind"), d[1], "demo"))
          .mapEmpty();
    }
    return chain;
  }

  private static JsonObject[] doc(String kind, JsonObject document) {
    return new JsonObject[] {new JsonObject().put("kind", kind), document};
  }

  /** The hotline of docs/routing.md: hours (24/7) -> black list -> VIP list -> known customer? -> cascade or menu. */
  static JsonObject hotline() {
    JsonObject steps = new JsonObject()
        .put("hours", new JsonObject().put("type", "hours").put("zone", "Europe/Berlin")
            .put("week", new JsonObject().put("mon-sun", "00:00-23:59:59.999999999"))
            .put("open", "block").put("closed", "after-hours"))
        .put("block", new JsonObject().put("type", "block-list").put("numbers", new JsonArray().add(BLOCKED_NUMBER))
            .put("prompt", "refused").put("next", "vip"))
        .put("vip", new JsonObject().put("type", "vip-list").put("numbers", new JsonArray().add(VIP_NUMBER))
            .put("boost", 10).put("next", "who"))
        .put("who", new JsonObject().put("type", "customer").put("known", "personal").put("new", "main"))
        .put("personal", new JsonObject().put("type", "cascade").put("queue", "support")
            .put("managersTimeout", 20).put("lastAgentTimeout", 15).put("supervisorTimeout", 10))
        .put("main", new JsonObject().put("type", "menu").put("prompt", "main-menu").put("timeout", 5)
            .put("retries", 2).put("options", new JsonObject().put("1", "sales").put("2", "support")
                .put("3", "call-me")).put("default", "support"))
        .put("sales", new JsonObject().put("type", "queue").put("queue", "sales"))
        .put("support", new JsonObject().put("type", "queue").put("queue", "support").put("callbackDigit", "9"))
        .put("call-me", new JsonObject().put("type", "callback").put("queue", "support"))
        .put("after-hours", new JsonObject().put("type", "voicemail").put("mailbox", "general"));
    return new JsonObject().put("id", "hotline").put("entry", "hours").put("language", "en")
        .put("survey", new JsonObject().put("prompt", "csat-question").put("thanksPrompt", "csat-thanks")
            .put("timeout", 8).put("retries", 1))
        .put("steps", steps);
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
    System.out.println("  Demo queue:    sip:" + DID + "@127.0.0.1 (trunk demo-carrier accepts calls from this "
        + "machine)");
    System.out.println("  Demo hotline:  sip:" + HOTLINE_DID + "@127.0.0.1 (menu 1 sales, 2 support, 3 callback; "
        + BLOCKED_NUMBER + " is black-listed)");
  }
}
