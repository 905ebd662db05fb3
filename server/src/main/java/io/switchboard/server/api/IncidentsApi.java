package io.switchboard.server.api;

import io.switchboard.server.store.Ids;
import io.switchboard.server.store.Incidents;
import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Incidents (docs/api.md): list, one, create, change (status, priority, title, description, linked calls). Every
 * role may: agents open and update incidents during and after calls. A customer or call an incident names must
 * exist (400 naming the field), so no incident points nowhere.
 */
public final class IncidentsApi {

  static final String INCIDENTS = "/api/incidents";

  private final Store store;
  private final ApiAuth auth;

  private IncidentsApi(Store store, Authenticator authenticator) {
    this.store = Objects.requireNonNull(store, "store");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
  }

  public static IncidentsApi create(Store store, Authenticator authenticator) {
    return new IncidentsApi(store, authenticator);
  }

  public void mount(Router router) {
    router.get(INCIDENTS).handler(ctx -> handle(ctx, caller -> list(ctx)));
    router.post(INCIDENTS).handler(JsonBody.reader()).handler(ctx -> handle(ctx, caller -> create(ctx, caller)));
    router.get(INCIDENTS + "/:id").handler(ctx -> handle(ctx, caller -> {
      String id = CustomersApi.pathId(ctx);
      return store.incidents().byId(id).map(found -> CrmViews.incident(
          found.orElseThrow(() -> ApiProblem.notFound("no incident " + id))));
    }));
    router.patch(INCIDENTS + "/:id").handler(JsonBody.reader()).handler(ctx -> handle(ctx, caller -> patch(ctx)));
  }

  private void handle(RoutingContext ctx, CustomersApi.Action action) {
    auth.caller(ctx, ApiAuth.ANY_ROLE)
        .compose(caller -> {
          try {
            return action.run(caller);
          } catch (ApiProblem problem) {
            return Future.failedFuture(problem);
          }
        })
        .onSuccess(body -> {
          if (body != null) {
            ApiResponses.json(ctx, body);
          }
        })
        .onFailure(e -> ApiResponses.fail(ctx, e));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    PageParams params = PageParams.of(ctx.queryParams(), Set.of("customerId", "status", "priority"));
    String status = params.text("status", 64);
    if (status != null && !Incidents.STATUSES.contains(status)) {
      throw ApiProblem.badRequest("status must be one of " + Incidents.STATUSES);
    }
    int limit = params.limit();
    return store.incidents().find(params.id("customerId"), status, params.integer("priority", 1, 4),
        params.cursor(), limit).map(found -> CustomersApi.page(found, limit, CrmViews::incident));
  }

  private Future<JsonObject> create(RoutingContext ctx, AgentAccount caller) {
    IncidentInput.Created created = IncidentInput.create(ctx, Ids.mint("in"), caller.id());
    JsonObject document = created.document();
    String customerId = document.getString("customerId");
    return store.customers().byId(customerId)
        .compose(customer -> {
          if (customer.isEmpty()) {
            throw ApiProblem.badRequest("customerId: no customer " + customerId);
          }
          return callsExist("callIds", created.callIds());
        })
        .compose(v -> store.incidents().insert(document))
        .map(v -> {
          ApiResponses.created(ctx, INCIDENTS + "/" + document.getString("_id"), CrmViews.incident(document));
          return null;
        });
  }

  private Future<JsonObject> patch(RoutingContext ctx) {
    String id = CustomersApi.pathId(ctx);
    IncidentInput.Patch patch = IncidentInput.patch(ctx);
    return store.incidents().byId(id)
        .compose(found -> {
          if (found.isEmpty()) {
            throw ApiProblem.notFound("no incident " + id);
          }
          return callsExist("linkCallIds", patch.linkCallIds());
        })
        .compose(v -> store.incidents().update(id, patch.changes(), patch.links()))
        .map(updated -> CrmViews.incident(updated.orElseThrow(() -> ApiProblem.notFound("no incident " + id))));
  }

  private Future<Void> callsExist(String field, List<String> ids) {
    return Future.all(ids.stream().map(callId -> store.call(callId).map(found -> {
      if (found.isEmpty()) {
        throw ApiProblem.badRequest(field + ": no call " + callId);
      }
      return callId;
    })).toList()).mapEmpty();
  }
}
