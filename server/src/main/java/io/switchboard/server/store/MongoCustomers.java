package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link Customers} on MongoDB. */
final class MongoCustomers implements Customers {

  static final String CUSTOMERS = "customers";

  private final MongoClient client;

  MongoCustomers(MongoClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(JsonObject customer) {
    return client.insert(CUSTOMERS, customer).<Void>mapEmpty()
        .recover(e -> Future.failedFuture(StoreConflict.translate(e, "a number is already another customer's")));
  }

  @Override
  public Future<Boolean> replace(JsonObject customer) {
    String id = customer.getString("_id");
    return byId(id).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(false);
      }
      JsonObject document = customer.copy().put("createdAt", found.get().getValue("createdAt"));
      return client.replaceDocuments(CUSTOMERS, new JsonObject().put("_id", id), document)
          .map(result -> true)
          .recover(e -> Future.failedFuture(StoreConflict.translate(e, "a number is already another customer's")));
    });
  }

  @Override
  public Future<Optional<JsonObject>> byId(String id) {
    return client.findOne(CUSTOMERS, new JsonObject().put("_id", id), null).map(Optional::ofNullable);
  }

  @Override
  public Future<Optional<JsonObject>> byNumber(String e164) {
    // Equality on an array field matches any element: the unique multikey index on numbers answers it.
    return client.findOne(CUSTOMERS, new JsonObject().put("numbers", e164), null).map(Optional::ofNullable);
  }

  @Override
  public Future<List<JsonObject>> find(String number, String segment, Boolean vip, String afterId, int limit) {
    JsonObject filter = new JsonObject();
    if (number != null) {
      filter.put("numbers", number);
    }
    if (segment != null) {
      filter.put("segment", segment);
    }
    if (vip != null) {
      filter.put("vip", vip);
    }
    if (afterId != null) {
      filter.put("_id", new JsonObject().put("$lt", afterId));
    }
    return client.findWithOptions(CUSTOMERS, filter, new FindOptions()
        .setSort(new JsonObject().put("_id", -1)).setLimit(limit));
  }

  @Override
  public Future<List<JsonObject>> byPersonalManager(String agentId, int limit) {
    // Served by the personalManager index (schema step of the CRM).
    return client.findWithOptions(CUSTOMERS, new JsonObject().put("personalManager", agentId), new FindOptions()
        .setSort(new JsonObject().put("_id", -1)).setLimit(limit));
  }

  @Override
  public Future<List<JsonObject>> calls(JsonObject customer, int limit) {
    JsonArray numbers = customer.getJsonArray("numbers", new JsonArray());
    return client.findWithOptions(MongoStore.CALLS,
        // Past calls: not the one ringing now, whose record is already written "in_progress".
        new JsonObject().put("from", new JsonObject().put("$in", numbers))
            .put("outcome", new JsonObject().put("$ne", MongoStore.IN_PROGRESS)),
        new FindOptions().setSort(new JsonObject().put("arrivedAt", -1).put("_id", -1)).setLimit(limit));
  }

  @Override
  public Future<Set<String>> maskedNumbers(Collection<String> numbers) {
    if (numbers.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    JsonArray in = new JsonArray(List.copyOf(numbers));
    JsonObject masked = new JsonObject().put("maskNumbers", true);
    // Two distinct queries rather than one $or: each is answered from the numbers alone, however many calls there are.
    return Future.all(
            client.distinctWithQuery(MongoStore.CALLS, "from", String.class.getName(),
                masked.copy().put("direction", new JsonObject().put("$ne", "outbound"))
                    .put("from", new JsonObject().put("$in", in))),
            client.distinctWithQuery(MongoStore.CALLS, "to", String.class.getName(),
                masked.copy().put("direction", "outbound").put("to", new JsonObject().put("$in", in))))
        .map(both -> {
          Set<String> found = new HashSet<>();
          for (int i = 0; i < 2; i++) {
            both.<JsonArray>resultAt(i).forEach(n -> found.add(String.valueOf(n)));
          }
          return found;
        });
  }
}
