package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.Optional;

/**
 * The caller's card for a ringing agent (docs/protocol.md, {@code call.offer}): who they are, their last calls and
 * open incidents, their last CSAT answer. One indexed read by number, then four in parallel; no card (null) for a number nobody has.
 */
final class CallerCards {

  static final int LAST_CALLS = 5;

  private final MongoClient client;
  private final Customers customers;
  private final Incidents incidents;

  CallerCards(MongoClient client, Customers customers, Incidents incidents) {
    this.client = client;
    this.customers = customers;
    this.incidents = incidents;
  }

  Future<JsonObject> card(String e164) {
    if (e164 == null || !e164.startsWith("+")) {
      return Future.succeededFuture(null); // anonymous or not a number: nobody's
    }
    return customers.byNumber(e164).compose(found -> found.isEmpty() ? Future.succeededFuture(null)
        : card(found.get()));
  }

  private Future<JsonObject> card(JsonObject customer) {
    String manager = customer.getString("personalManager");
    Future<List<JsonObject>> calls = customers.calls(customer, LAST_CALLS);
    Future<List<JsonObject>> open = incidents.openFor(customer.getString("_id"));
    Future<List<JsonObject>> rated = client.findWithOptions(MongoStore.CALLS, new JsonObject()
            .put("from", new JsonObject().put("$in", customer.getJsonArray("numbers", new JsonArray())))
            .put("csat.score", new JsonObject().put("$exists", true)),
        new FindOptions().setSort(new JsonObject().put("arrivedAt", -1).put("_id", -1)).setLimit(1));
    Future<Optional<JsonObject>> managerAccount = manager == null ? Future.succeededFuture(Optional.empty())
        : client.findOne(MongoStore.AGENTS, new JsonObject().put("_id", manager),
            new JsonObject().put("name", 1)).map(Optional::ofNullable);
    return Future.all(calls, open, managerAccount, rated).map(all -> {
      JsonArray lastCalls = new JsonArray();
      calls.result().forEach(c -> lastCalls.add(new JsonObject()
          .put("id", c.getString("_id"))
          .put("at", isoDate(c.getValue("arrivedAt")))
          .put("outcome", c.getString("outcome"))
          .put("agent", Optional.ofNullable(c.getJsonObject("agent")).map(a -> a.getString("name")).orElse(null))
          .put("agentId", Optional.ofNullable(c.getJsonObject("agent")).map(a -> a.getString("id")).orElse(null))
          .put("disposition", Optional.ofNullable(c.getJsonObject("wrapUp")).map(w -> w.getString("disposition"))
              .orElse(null))));
      JsonArray openIncidents = new JsonArray();
      open.result().forEach(i -> openIncidents.add(new JsonObject().put("id", i.getString("_id"))
          .put("priority", i.getInteger("priority")).put("title", i.getString("title"))
          .put("status", i.getString("status"))));
      return new JsonObject()
          .put("id", customer.getString("_id"))
          .put("name", customer.getString("name"))
          .put("segment", customer.getString("segment"))
          .put("vip", customer.getBoolean("vip", false))
          .put("blacklisted", customer.getBoolean("blacklisted", false))
          .put("personalManager", manager == null ? null : new JsonObject().put("id", manager)
              .put("name", managerAccount.result().map(a -> a.getString("name")).orElse(null)))
          .put("backupManagers", customer.getJsonArray("backupManagers", new JsonArray()).copy())
          .put("language", customer.getString("language"))
          .put("lastCalls", lastCalls)
          .put("openIncidents", openIncidents)
          .put("lastCsat", rated.result().stream().findFirst().map(CallerCards::csat).orElse(null));
    });
  }

  /** The caller's last keypad answer: {@code {score, at, callId}}. */
  private static JsonObject csat(JsonObject call) {
    JsonObject csat = call.getJsonObject("csat");
    return new JsonObject().put("score", csat.getValue("score")).put("at", isoDate(csat.getValue("at")))
        .put("callId", call.getString("_id"));
  }

  /** A stored date ({@code {"$date": …}} or a string) as an ISO-8601 string. */
  static String isoDate(Object stored) {
    if (stored instanceof JsonObject date) {
      Object value = date.getValue("$date");
      return value == null ? null : value.toString();
    }
    return stored == null ? null : stored.toString();
  }
}
