package io.switchboard.server.api;

import io.switchboard.server.store.Ids;
import io.switchboard.server.store.Store;
import io.switchboard.server.store.StoreConflict;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Customers (docs/api.md): list, one, by number, their history; create and edit. Everyone who logs in reads
 * customers (an agent needs the card of whoever calls); only supervisors and admins create or edit them, since a
 * number moved to the wrong customer shows every agent the wrong history.
 */
public final class CustomersApi {

  static final String CUSTOMERS = "/api/customers";
  static final List<String> EDITORS = List.of(AgentAccount.SUPERVISOR, AgentAccount.ADMIN);
  static final int HISTORY_DEFAULT_LIMIT = 20;
  /** The customer's incidents in every status, newest first, on the history page. */
  static final int HISTORY_INCIDENTS = 50;

  private final Store store;
  private final ApiAuth auth;

  private CustomersApi(Store store, Authenticator authenticator) {
    this.store = Objects.requireNonNull(store, "store");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
  }

  public static CustomersApi create(Store store, Authenticator authenticator) {
    return new CustomersApi(store, authenticator);
  }

  /** Adds the routes; they answer every request themselves (errors included). */
  public void mount(Router router) {
    router.get(CUSTOMERS).handler(ctx -> answer(ctx, ApiAuth.ANY_ROLE, caller -> list(ctx, caller)));
    router.post(CUSTOMERS).handler(JsonBody.reader()).handler(ctx -> answer(ctx, EDITORS, caller -> create(ctx)));
    router.get(CUSTOMERS + "/by-number/:number").handler(ctx -> answer(ctx, ApiAuth.ANY_ROLE, caller -> {
      String number = E164.of("number", ctx.pathParam("number"));
      return store.customers().byNumber(number).compose(found -> card(caller,
          found.orElseThrow(() -> ApiProblem.notFound("no customer has the number " + number))));
    }));
    router.get(CUSTOMERS + "/:id").handler(ctx -> answer(ctx, ApiAuth.ANY_ROLE,
        caller -> customer(ctx).compose(found -> card(caller, found))));
    router.put(CUSTOMERS + "/:id").handler(JsonBody.reader()).handler(ctx -> answer(ctx, EDITORS, caller -> replace(ctx)));
    router.get(CUSTOMERS + "/:id/history").handler(ctx -> answer(ctx, ApiAuth.ANY_ROLE,
        caller -> history(ctx, caller)));
  }

  interface Action {
    Future<JsonObject> run(AgentAccount caller);
  }

  /** Authenticates, runs the action, answers 200 with its result (or what the action answered itself). */
  private void answer(RoutingContext ctx, List<String> roles, Action action) {
    auth.caller(ctx, roles)
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
        .onFailure(e -> ApiResponses.fail(ctx, e instanceof StoreConflict c ? new ApiProblem(409,
            "numbers: " + c.getMessage()) : e));
  }

  private Future<JsonObject> list(RoutingContext ctx, AgentAccount caller) {
    PageParams params = PageParams.of(ctx.queryParams(), Set.of("number", "segment", "vip", "personalManager"));
    String manager = params.text("personalManager", 64);
    if (manager != null) {
      // The admin console's agent form: whose personal manager this agent is (one page, no other filter).
      if (ctx.queryParams().size() > 1 + (ctx.queryParams().contains("limit") ? 1 : 0)) {
        throw ApiProblem.badRequest("personalManager is not combined with other filters");
      }
      int limit = params.limit();
      return store.customers().byPersonalManager(manager, limit).compose(found -> cards(caller, found, limit));
    }
    String number = CallFilter.single(ctx.queryParams(), "number");
    String e164 = number == null ? null : E164.of("number", number.replace(' ', '+'));
    int limit = params.limit();
    return store.customers().find(e164, params.text("segment", 64), params.bool("vip"), params.cursor(), limit)
        .compose(found -> cards(caller, found, limit));
  }

  /** A page of customer cards, each masked for an agent as {@link #card} says. */
  private Future<JsonObject> cards(AgentAccount caller, List<JsonObject> found, int limit) {
    return maskedNumbers(caller, found).map(masked -> page(found, limit, c -> maskedCard(c, masked)));
  }

  /**
   * One customer's card as {@code caller} may see it: an agent sees every number of a customer masked (last four
   * digits) once any of them was the customer's side of a call marked {@code maskNumbers} (a masking queue, or a call
   * placed by reference), as the calls list, the CSV, the call detail and the customer's history do (NumberMask).
   */
  private Future<JsonObject> card(AgentAccount caller, JsonObject customer) {
    return maskedNumbers(caller, List.of(customer)).map(masked -> maskedCard(customer, masked));
  }

  private Future<Set<String>> maskedNumbers(AgentAccount caller, List<JsonObject> customers) {
    if (!NumberMask.appliesTo(caller)) {
      return Future.succeededFuture(Set.of());
    }
    Set<String> numbers = new java.util.HashSet<>();
    customers.forEach(c -> c.getJsonArray("numbers", new JsonArray()).forEach(n -> numbers.add(String.valueOf(n))));
    return store.customers().maskedNumbers(numbers);
  }

  private static JsonObject maskedCard(JsonObject customer, Set<String> maskedNumbers) {
    JsonObject card = CrmViews.customer(customer);
    JsonArray numbers = card.getJsonArray("numbers", new JsonArray());
    return numbers.stream().anyMatch(n -> maskedNumbers.contains(String.valueOf(n))) ? masked(card) : card;
  }

  /** The card with all its numbers masked, and saying so. */
  private static JsonObject masked(JsonObject card) {
    return card.put("numbers", new JsonArray(card.getJsonArray("numbers", new JsonArray()).stream()
        .map(n -> NumberMask.masked(String.valueOf(n))).toList())).put("masked", true);
  }

  static JsonObject page(List<JsonObject> found, int limit, java.util.function.Function<JsonObject, JsonObject> view) {
    JsonArray items = new JsonArray();
    found.forEach(d -> items.add(view.apply(d)));
    String next = found.size() == limit ? found.get(found.size() - 1).getString("_id") : null;
    return new JsonObject().put("items", items).put("nextCursor", next);
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    JsonObject document = CustomerInput.document(ctx, Ids.mint("cu"));
    return store.customers().insert(document).map(v -> {
      String id = document.getString("_id");
      ApiResponses.created(ctx, CUSTOMERS + "/" + id, CrmViews.customer(document));
      return null;
    });
  }

  private Future<JsonObject> replace(RoutingContext ctx) {
    String id = pathId(ctx);
    JsonObject document = CustomerInput.document(ctx, id);
    return store.customers().replace(document).compose(replaced -> {
      if (!replaced) {
        throw ApiProblem.notFound("no customer " + id);
      }
      return customer(ctx).map(CrmViews::customer);
    });
  }

  private Future<JsonObject> customer(RoutingContext ctx) {
    String id = pathId(ctx);
    return store.customers().byId(id).map(found -> found.orElseThrow(() -> ApiProblem.notFound("no customer " + id)));
  }

  /**
   * The customer, their calls newest first (at most {@code limit}, default 20, each with its wrap-up and CSAT), their
   * open incidents (most urgent first) and their last {@value #HISTORY_INCIDENTS} incidents in any status.
   */
  private Future<JsonObject> history(RoutingContext ctx, io.switchboard.signaling.AgentAccount caller) {
    PageParams params = PageParams.of(ctx.queryParams(), Set.of());
    if (params.cursor() != null) {
      throw ApiProblem.badRequest("unknown parameter \"cursor\"");
    }
    Integer requested = params.integer("limit", 1, CallFilter.MAX_LIMIT);
    int limit = requested == null ? HISTORY_DEFAULT_LIMIT : requested;
    return customer(ctx).compose(customer -> Future.all(List.of(store.customers().calls(customer, limit),
            store.incidents().openFor(customer.getString("_id")),
            store.incidents().find(customer.getString("_id"), null, null, null, HISTORY_INCIDENTS),
            customer.getString("personalManager") == null ? Future.succeededFuture(Optional.<String>empty())
                : store.agentName(customer.getString("personalManager")),
            maskedNumbers(caller, List.of(customer))))
        .map(all -> {
          JsonArray calls = new JsonArray();
          List<JsonObject> stored = all.resultAt(0);
          stored.forEach(c -> calls.add(NumberMask.call(caller, c, CrmViews.historyCall(c))));
          // A customer who called a masking queue: an agent sees none of their numbers whole, on any page (also when
          // that call is older than the calls shown here).
          Set<String> maskedNumbers = all.resultAt(4);
          boolean mask = NumberMask.appliesTo(caller) && (!maskedNumbers.isEmpty()
              || stored.stream().anyMatch(c -> c.getBoolean("maskNumbers", false)));
          JsonArray incidents = new JsonArray();
          all.<List<JsonObject>>resultAt(1).forEach(i -> incidents.add(CrmViews.incident(i)));
          JsonArray recent = new JsonArray();
          all.<List<JsonObject>>resultAt(2).forEach(i -> recent.add(CrmViews.incident(i)));
          Optional<String> manager = all.resultAt(3);
          JsonObject card = CrmViews.customer(customer).put("personalManagerName", manager.orElse(null));
          if (mask) {
            masked(card);
          }
          return new JsonObject().put("customer", card).put("calls", calls)
              .put("openIncidents", incidents).put("incidents", recent);
        }));
  }

  static String pathId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !JsonBody.ID.matcher(id).matches()) {
      throw ApiProblem.badRequest("id must be 1 to 64 of A-Z a-z 0-9 . _ : -");
    }
    return id;
  }
}
