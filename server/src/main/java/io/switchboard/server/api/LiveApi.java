package io.switchboard.server.api;

import io.switchboard.server.live.LiveFeed;
import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The supervisors' live API (docs/api.md, "Live statistics" and "Agents board"): the wallboard's figures, and forcing
 * an agent Not ready or out. Supervisors and admins only; a supervisor sees and acts on the agents of the groups they
 * supervise (all agents while no group is configured). Every forced change is written to the audit log before it
 * is made, so nothing happens unaudited.
 */
public final class LiveApi {

  static final List<String> SUPERVISORS = List.of(AgentAccount.SUPERVISOR, AgentAccount.ADMIN);
  private static final int MAX_REASON_CHARS = 200;

  private final LiveFeed feed;
  private final AgentControl agents;
  private final Store store;
  private final ApiAuth auth;
  private final SupervisorScope scope;
  private final Supplier<List<String>> notReadyReasons;

  private LiveApi(LiveFeed feed, AgentControl agents, Store store, Authenticator authenticator,
      SupervisorScope scope, Supplier<List<String>> notReadyReasons) {
    this.feed = Objects.requireNonNull(feed, "feed");
    this.agents = Objects.requireNonNull(agents, "agents");
    this.store = Objects.requireNonNull(store, "store");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
    this.scope = Objects.requireNonNull(scope, "scope");
    this.notReadyReasons = Objects.requireNonNull(notReadyReasons, "notReadyReasons");
  }

  public static LiveApi create(LiveFeed feed, AgentControl agents, Store store, Authenticator authenticator,
      SupervisorScope scope, Supplier<List<String>> notReadyReasons) {
    return new LiveApi(feed, agents, store, authenticator, scope, notReadyReasons);
  }

  /** The agents a viewer's figures are made of: all for an admin, their groups' for a supervisor. */
  public static Predicate<String> visibility(AgentAccount viewer, SupervisorScope scope) {
    if (viewer.hasRole(AgentAccount.ADMIN)) {
      return agentId -> true;
    }
    return agentId -> scope.covers(viewer.id(), agentId);
  }

  public void mount(Router router) {
    router.get("/api/stats/live").handler(ctx -> auth.caller(ctx, SUPERVISORS)
        .onSuccess(caller -> ApiResponses.json(ctx, feed.render(visibility(caller, scope))))
        .onFailure(e -> ApiResponses.fail(ctx, e)));
    router.post("/api/agents/:id/not-ready").handler(JsonBody.reader()).handler(ctx -> act(ctx, "agent.not_ready",
        body -> body.oneOf("reason", notReadyReasons.get(), true),
        (agentId, reason) -> agents.forceNotReady(agentId, reason)));
    router.post("/api/agents/:id/logout").handler(JsonBody.reader()).handler(ctx -> act(ctx, "agent.logout",
        body -> body.string("reason", MAX_REASON_CHARS, true),
        (agentId, reason) -> agents.logOut(agentId)));
  }

  private interface Command {
    Future<Void> run(String agentId, String reason);
  }

  private void act(RoutingContext ctx, String action, java.util.function.Function<JsonBody, String> reasonOf,
      Command command) {
    auth.caller(ctx, SUPERVISORS).compose(caller -> {
      String agentId = ctx.pathParam("id");
      if (agentId == null || !JsonBody.ID.matcher(agentId).matches()) {
        throw ApiProblem.badRequest("agent id must be 1 to 64 of A-Z a-z 0-9 . _ : -");
      }
      String reason = reasonOf.apply(JsonBody.of(ctx, Set.of("reason")));
      if (!visibility(caller, scope).test(agentId)) {
        throw ApiProblem.forbidden("a supervisor acts only on the agents of the groups they supervise");
      }
      return store.saveAudit(auditEntry(ctx, caller, action, agentId, reason))
          .compose(audited -> command.run(agentId, reason))
          .recover(e -> Future.failedFuture(problem(e)));
    })
        .onSuccess(v -> ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end())
        .onFailure(e -> ApiResponses.fail(ctx, e));
  }

  private static Throwable problem(Throwable e) {
    if (e instanceof IllegalArgumentException) {
      return ApiProblem.badRequest(e.getMessage());
    } else if (e instanceof NoSuchElementException) {
      return ApiProblem.notFound(e.getMessage());
    } else if (e instanceof IllegalStateException) {
      return ApiProblem.conflict(e.getMessage());
    }
    return e;
  }

  private static JsonObject auditEntry(RoutingContext ctx, AgentAccount caller, String action, String agentId,
      String reason) {
    SocketAddress remote = ctx.request().remoteAddress();
    return new JsonObject().put("action", action).put("agentId", agentId).put("reason", reason)
        .put("at", new JsonObject().put("$date", Instant.now().toString()))
        .put("by", new JsonObject().put("id", caller.id()).put("username", caller.username())
            .put("roles", new JsonArray(caller.roles())))
        .put("ip", remote == null ? null : remote.hostAddress());
  }
}
