package io.switchboard.server.api;

import io.switchboard.server.store.CallbackQuery;
import io.switchboard.server.store.Callbacks;
import io.switchboard.server.store.Ids;
import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;

/**
 * Callback requests (docs/api.md): list (oldest first: callers are called back in order), one, book one by hand, and
 * change status, assignee or notes. Everyone who logs in reads the list and may book (an agent on the phone books one
 * for the caller); one open request per number, so a second is a 409 naming the first. Supervisors and admins change
 * any request; an agent changes only one that is unassigned or theirs, and may assign it only to themselves.
 */
public final class CallbacksApi {

  static final String CALLBACKS = "/api/callbacks";
  static final int MAX_NOTES = 4000;
  private static final Set<String> BOOK_FIELDS = Set.of("number", "queueId", "priority", "reason", "callId",
      "notes");
  private static final Set<String> PATCH_FIELDS = Set.of("status", "assignedTo", "notes");

  private final Store store;
  private final ApiAuth auth;

  private CallbacksApi(Store store, Authenticator authenticator) {
    this.store = Objects.requireNonNull(store, "store");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
  }

  public static CallbacksApi create(Store store, Authenticator authenticator) {
    return new CallbacksApi(store, authenticator);
  }

  public void mount(Router router) {
    router.get(CALLBACKS).handler(ctx -> ApiAction.answer(ctx, auth, ApiAuth.ANY_ROLE, caller -> list(ctx)));
    router.post(CALLBACKS).handler(JsonBody.reader()).handler(ctx -> ApiAction.answer(ctx, auth, ApiAuth.ANY_ROLE,
        caller -> book(ctx)));
    router.get(CALLBACKS + "/:id").handler(ctx -> ApiAction.answer(ctx, auth, ApiAuth.ANY_ROLE,
        caller -> callback(CustomersApi.pathId(ctx)).map(CallbacksApi::view)));
    router.patch(CALLBACKS + "/:id").handler(JsonBody.reader()).handler(ctx -> ApiAction.answer(ctx, auth,
        ApiAuth.ANY_ROLE, caller -> patch(ctx, caller)));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    PageParams params = PageParams.of(ctx.queryParams(), Set.of("status", "queueId", "number", "assignedTo"));
    String status = params.text("status", 64);
    if (status != null && !Callbacks.STATUSES.contains(status)) {
      throw ApiProblem.badRequest("status must be one of " + Callbacks.STATUSES);
    }
    String number = CallFilter.single(ctx.queryParams(), "number");
    int limit = params.limit();
    CallbackQuery query = new CallbackQuery(status, params.id("queueId"),
        number == null ? null : E164.of("number", number.replace(' ', '+')), params.id("assignedTo"),
        params.cursor(), limit);
    return store.callbacks().find(query).map(found -> CustomersApi.page(found, limit, CallbacksApi::view));
  }

  private Future<JsonObject> book(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx, BOOK_FIELDS);
    String number = E164.of("number", body.string("number", 40, true));
    String queueId = body.id("queueId", true);
    Integer priority = body.integer("priority", 0, 10, false);
    String reason = body.oneOf("reason", Callbacks.REASONS, false);
    String callId = body.id("callId", false);
    String notes = body.text("notes", MAX_NOTES);
    Future<Void> callExists = callId == null ? Future.succeededFuture() : store.call(callId).map(found -> {
      if (found.isEmpty()) {
        throw ApiProblem.unprocessable("callId: no call " + callId);
      }
      return null;
    });
    return callExists
        .compose(v -> store.queues())
        .compose(queues -> {
          if (queues.stream().noneMatch(q -> queueId.equals(q.getString("_id")))) {
            throw ApiProblem.unprocessable("queueId: no queue " + queueId);
          }
          return store.customers().byNumber(number);
        })
        .compose(customer -> {
          JsonObject now = new JsonObject().put("$date", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
          JsonObject request = new JsonObject()
              .put("_id", Ids.mint("cb"))
              .put("number", number)
              .put("customerId", customer.map(c -> c.getString("_id")).orElse(null))
              .put("queueId", queueId)
              .put("priority", priority == null ? 0 : priority)
              .put("reason", reason == null ? "requested" : reason)
              .put("callId", callId)
              .put("status", "pending")
              .put("attempts", 0)
              .put("requestedAt", now)
              .put("updatedAt", now)
              .putNull("assignedTo")
              .put("notes", notes);
          return store.callbacks().bookIfNone(request).compose(booked -> {
            if (booked) {
              ApiResponses.created(ctx, CALLBACKS + "/" + request.getString("_id"), view(request));
              return Future.succeededFuture(null);
            }
            return store.callbacks().openFor(number).map(open -> {
              throw ApiProblem.conflict("number: " + number + " already has an open callback"
                  + open.map(o -> " (" + o.getString("_id") + ")").orElse(""));
            });
          });
        });
  }

  private Future<JsonObject> patch(RoutingContext ctx, AgentAccount caller) {
    String id = CustomersApi.pathId(ctx);
    JsonBody body = JsonBody.of(ctx, PATCH_FIELDS);
    if (body.isEmpty()) {
      throw ApiProblem.badRequest("nothing to change: give one of " + PATCH_FIELDS);
    }
    JsonObject changes = new JsonObject();
    if (body.has("status")) {
      changes.put("status", body.oneOf("status", Callbacks.STATUSES, true));
    }
    if (body.has("assignedTo")) {
      changes.put("assignedTo", body.id("assignedTo", false)); // null: unassigned
    }
    if (body.has("notes")) {
      changes.put("notes", body.text("notes", MAX_NOTES));
    }
    boolean manager = ApiAuth.seesAllCalls(caller);
    if (!manager && changes.containsKey("assignedTo") && changes.getString("assignedTo") != null
        && !caller.id().equals(changes.getString("assignedTo"))) {
      throw ApiProblem.forbidden("an agent assigns callbacks only to themselves");
    }
    return callback(id).compose(found -> {
      String assignee = found.getString("assignedTo");
      if (!manager && assignee != null && !assignee.equals(caller.id())) {
        throw ApiProblem.forbidden("callback " + id + " is another agent's");
      }
      return store.callbacks().update(id, changes);
    }).map(updated -> view(updated.orElseThrow(() -> ApiProblem.notFound("no callback " + id))));
  }

  private Future<JsonObject> callback(String id) {
    return store.callbacks().byId(id).map(found -> found.orElseThrow(() -> ApiProblem.notFound("no callback "
        + id)));
  }

  static JsonObject view(JsonObject stored) {
    JsonObject view = new JsonObject().put("id", stored.getValue("_id"));
    stored.forEach(e -> {
      if (!e.getKey().equals("_id")) {
        view.put(e.getKey(), e.getValue());
      }
    });
    for (String date : new String[] {"requestedAt", "updatedAt"}) {
      view.put(date, CallView.date(view.getValue(date)));
    }
    return view;
  }
}
