package io.switchboard.server.api;

import io.switchboard.server.store.CallQuery;
import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The call history API (docs/api.md, contract in {@code openapi/switchboard.yaml}): list, one call, CSV export,
 * recording, the listening audit and the contract itself. Every route needs a login token; agents see only the
 * calls they answered, supervisors and admins all of them, and only admins read the audit log.
 */
public final class CallsApi {

  static final String CALLS = "/api/calls";
  /** As call ids are minted (docs/protocol.md: 1–64 of A-Z a-z 0-9 . _ : -). */
  static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  /** An audit action ({@code config.put}) or a prefix of actions ({@code config.}). */
  private static final Pattern AUDIT_ACTION = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]*)*");

  private final Store store;
  private final ApiAuth auth;
  private final CallsCsv csv;
  private final RecordingResource recordings;
  private final OpenApiResource contract;
  private final SupervisorScope scope;

  private CallsApi(Vertx vertx, Store store, Authenticator authenticator, Path recordingsDir, SupervisorScope scope) {
    this.store = Objects.requireNonNull(store, "store");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
    this.csv = new CallsCsv(store);
    this.recordings = new RecordingResource(vertx, store, recordingsDir);
    this.contract = new OpenApiResource(vertx);
  }

  /**
   * @param recordingsDir the folder recordings are written under; a recording's stored {@code file} is resolved
   *                      against it and must stay inside it
   */
  public static CallsApi create(Vertx vertx, Store store, Authenticator authenticator, Path recordingsDir) {
    return create(vertx, store, authenticator, recordingsDir, SupervisorScope.EVERYONE);
  }

  /** @param scope whose recordings a supervisor may hear (their groups' members) */
  public static CallsApi create(Vertx vertx, Store store, Authenticator authenticator, Path recordingsDir,
      SupervisorScope scope) {
    return new CallsApi(vertx, store, authenticator, recordingsDir, scope);
  }

  /** Adds the routes; they answer every request themselves (errors included), so mount them before any catch-all. */
  public void mount(Router router) {
    router.get(OpenApiResource.PATH).handler(contract::handle);
    router.get(CALLS).handler(this::list);
    router.get(CALLS + ".csv").handler(ctx -> caller(ctx, ApiAuth.ANY_ROLE)
        .compose(caller -> {
          CallQuery query = scoped(caller, CallFilter.export(ctx.queryParams(), CallsCsv.PARAMETERS,
              CallsCsv.PAGE_SIZE));
          return csv.export(ctx, query, CallsCsv.separator(ctx.queryParams()));
        })
        .onFailure(e -> ApiResponses.fail(ctx, e)));
    router.get(CALLS + "/:id").handler(this::one);
    router.get(CALLS + "/:id/recording").handler(ctx -> caller(ctx, ApiAuth.ANY_ROLE)
        .compose(caller -> visibleCall(ctx, caller).compose(call -> {
          if (!mayHear(scope, caller, agentIdOf(call))) {
            throw ApiProblem.forbidden("a supervisor hears only the calls of the groups they supervise");
          }
          return recordings.stream(ctx, caller, call);
        }))
        .onFailure(e -> ApiResponses.fail(ctx, e)));
    router.get("/api/audit").handler(this::audit);
  }

  private Future<AgentAccount> caller(RoutingContext ctx, List<String> roles) {
    return auth.caller(ctx, roles);
  }

  private void list(RoutingContext ctx) {
    caller(ctx, ApiAuth.ANY_ROLE)
        .compose(caller -> {
          CallQuery query = scoped(caller, CallFilter.page(ctx.queryParams()));
          return store.findCalls(query);
        })
        .onSuccess(records -> {
          JsonArray items = new JsonArray();
          records.forEach(r -> items.add(CallView.summary(r)));
          String next = null;
          int limit = limitOf(ctx);
          if (records.size() == limit) {
            JsonObject last = records.get(records.size() - 1);
            next = new CallFilter.Cursor(instant(last.getValue("arrivedAt")), last.getString("_id")).encode();
          }
          ApiResponses.json(ctx, new JsonObject().put("items", items).put("nextCursor", next));
        })
        .onFailure(e -> ApiResponses.fail(ctx, e));
  }

  private static int limitOf(RoutingContext ctx) {
    String limit = ctx.queryParams().get("limit");
    return limit == null ? CallFilter.DEFAULT_LIMIT : Integer.parseInt(limit);
  }

  private void one(RoutingContext ctx) {
    caller(ctx, ApiAuth.ANY_ROLE)
        .compose(caller -> visibleCall(ctx, caller))
        .onSuccess(call -> ApiResponses.json(ctx, CallView.detail(call)))
        .onFailure(e -> ApiResponses.fail(ctx, e));
  }

  private void audit(RoutingContext ctx) {
    caller(ctx, ApiAuth.ADMIN_ONLY)
        .compose(admin -> {
          for (String name : ctx.queryParams().names()) {
            if (!List.of("callId", "limit", "action", "user").contains(name)) {
              throw ApiProblem.badRequest("unknown parameter " + CallFilter.quoted(name));
            }
          }
          String callId = CallFilter.single(ctx.queryParams(), "callId");
          if (callId != null && !CALL_ID.matcher(callId).matches()) {
            throw ApiProblem.badRequest("callId must be 1 to 64 of A-Z a-z 0-9 . _ : -");
          }
          String action = CallFilter.single(ctx.queryParams(), "action");
          if (action != null && !AUDIT_ACTION.matcher(action).matches()) {
            throw ApiProblem.badRequest("action must be an action (config.put) or a prefix ending in '.' (config.)");
          }
          String user = CallFilter.single(ctx.queryParams(), "user");
          if (user != null && (user.isBlank() || user.length() > 64)) {
            throw ApiProblem.badRequest("user must be a username of 1 to 64 characters");
          }
          int limit = CallFilter.page(limitOnly(ctx)).limit();
          return store.audit(callId, action, user, limit);
        })
        .onSuccess(entries -> {
          JsonArray items = new JsonArray();
          entries.forEach(e -> items.add(RecordingResource.auditView(e)));
          ApiResponses.json(ctx, new JsonObject().put("items", items));
        })
        .onFailure(e -> ApiResponses.fail(ctx, e));
  }

  private static MultiMap limitOnly(RoutingContext ctx) {
    MultiMap only = MultiMap.caseInsensitiveMultiMap();
    only.add("limit", ctx.queryParams().getAll("limit"));
    return only;
  }

  /**
   * The call with the path's id if the caller may see it: 400 for an id that cannot be one, 404 for no such call,
   * 403 for an agent asking for a call somebody else answered.
   */
  private Future<JsonObject> visibleCall(RoutingContext ctx, AgentAccount caller) {
    String id = ctx.pathParam("id");
    if (id == null || !CALL_ID.matcher(id).matches()) {
      return Future.failedFuture(ApiProblem.badRequest("call id must be 1 to 64 of A-Z a-z 0-9 . _ : -"));
    }
    return store.call(id).compose(found -> {
      JsonObject call = found.orElseThrow(() -> ApiProblem.notFound("no call " + id));
      if (!ApiAuth.seesAllCalls(caller) && !caller.id().equals(agentIdOf(call))) {
        throw ApiProblem.forbidden("agents see only the calls they answered");
      }
      return Future.succeededFuture(call);
    });
  }

  /**
   * Recordings: an admin hears every call, an agent their own, a supervisor those of the agents their groups hold.
   * A call nobody answered belongs to no agent: a supervisor passes, and learns it has no recording (404).
   */
  static boolean mayHear(SupervisorScope scope, AgentAccount caller, String agentId) {
    if (caller.hasRole(AgentAccount.ADMIN) || caller.id().equals(agentId)) {
      return true;
    }
    return caller.hasRole(AgentAccount.SUPERVISOR) && (agentId == null || scope.covers(caller.id(), agentId));
  }

  static String agentIdOf(JsonObject call) {
    return Optional.ofNullable(call.getJsonObject("agent")).map(a -> a.getString("id")).orElse(null);
  }

  /** An agent's search is narrowed to their own calls; asking for another agent's is refused, not emptied. */
  private static CallQuery scoped(AgentAccount caller, CallQuery query) {
    if (ApiAuth.seesAllCalls(caller)) {
      return query;
    }
    if (query.agentId() != null && !query.agentId().equals(caller.id())) {
      throw ApiProblem.forbidden("agents see only the calls they answered");
    }
    return new CallQuery(query.arrivedFrom(), query.arrivedBefore(), query.queueId(), caller.id(), query.number(),
        query.outcome(), query.afterArrivedAt(), query.afterId(), query.limit());
  }

  static Instant instant(Object stored) {
    String iso = CallView.date(stored);
    if (iso == null) {
      throw new IllegalStateException("call record without arrivedAt");
    }
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(iso).toInstant();
    }
  }
}
