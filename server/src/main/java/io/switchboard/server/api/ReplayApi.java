package io.switchboard.server.api;

import io.switchboard.routing.config.ConfigRejection;
import io.switchboard.routing.config.ConfigurationFactory;
import io.switchboard.server.replay.DayReplays;
import io.switchboard.server.routingconfig.ConfigDraft;
import io.switchboard.server.routingconfig.NoSuchConfig;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /api/replay} (docs/api.md, "Replay"): a recorded day run through the routing engine with the current
 * configuration and with a draft of it (changed objects, stored versions, deletions, absent agents), figures per
 * queue before and after. Supervisors and admins; nothing is saved.
 */
public final class ReplayApi {

  static final String PATH = "/api/replay";
  private static final Set<String> FIELDS = Set.of("day", "changes", "absentAgents");
  private static final Set<String> CHANGE_FIELDS = Set.of("kind", "id", "document", "version", "delete");

  private final DayReplays replays;
  private final ApiAuth auth;

  private ReplayApi(DayReplays replays, Authenticator authenticator) {
    this.replays = Objects.requireNonNull(replays, "replays");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
  }

  public static ReplayApi create(DayReplays replays, Authenticator authenticator) {
    return new ReplayApi(replays, authenticator);
  }

  public void mount(Router router) {
    router.post(PATH).handler(JsonBody.reader()).handler(ctx -> auth.caller(ctx, ReportsApi.ROLES)
        .compose(caller -> replay(ctx))
        .onSuccess(json -> ApiResponses.json(ctx, json))
        .onFailure(e -> {
          if (e instanceof ConfigRejection r) {
            ctx.response().setStatusCode(422).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", "the draft configuration is invalid: " + String.join("; ", r.problems()))
                    .put("problems", new JsonArray(r.problems())).encode());
          } else if (e instanceof IllegalArgumentException big) {
            ApiResponses.fail(ctx, ApiProblem.unprocessable(big.getMessage()));
          } else if (e instanceof NoSuchConfig n) {
            ApiResponses.fail(ctx, ApiProblem.notFound(n.getMessage()));
          } else {
            ApiResponses.fail(ctx, e);
          }
        }));
  }

  private Future<JsonObject> replay(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw ApiProblem.badRequest("the body must be a JSON object");
    }
    if (body == null) {
      throw ApiProblem.badRequest("the body must be a JSON object");
    }
    for (String name : body.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw ApiProblem.badRequest("unknown field " + CallFilter.quoted(name));
      }
    }
    LocalDate day;
    try {
      day = LocalDate.parse(String.valueOf(body.getValue("day")));
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest("day must be a date, YYYY-MM-DD");
    }
    List<ConfigDraft.Change> changes = changes(body.getValue("changes"));
    Set<String> absent = new LinkedHashSet<>();
    Object agents = body.getValue("absentAgents");
    if (agents != null) {
      if (!(agents instanceof JsonArray list)) {
        throw ApiProblem.badRequest("absentAgents must be an array of agent ids");
      }
      for (Object a : list) {
        if (!(a instanceof String s) || !JsonBody.ID.matcher(s).matches()) {
          throw ApiProblem.badRequest("absentAgents must be an array of agent ids");
        }
        absent.add(s);
      }
    }
    return replays.replay(day, changes, absent).map(found -> found.orElseThrow(() ->
        ApiProblem.notFound("no call was recorded on " + day + " (" + replays.zone().getId() + ")")));
  }

  private static List<ConfigDraft.Change> changes(Object value) {
    List<ConfigDraft.Change> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof JsonArray list) || list.size() > 500) {
      throw ApiProblem.badRequest("changes must be an array of at most 500 changes");
    }
    for (int i = 0; i < list.size(); i++) {
      String at = "changes[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject c)) {
        throw ApiProblem.badRequest(at + " must be an object");
      }
      for (String name : c.fieldNames()) {
        if (!CHANGE_FIELDS.contains(name)) {
          throw ApiProblem.badRequest("unknown field " + CallFilter.quoted(at + "." + name));
        }
      }
      Object kind = c.getValue("kind");
      if (!(kind instanceof String k) || !ConfigurationFactory.KINDS.contains(k)) {
        throw ApiProblem.badRequest(at + ".kind must be one of " + String.join(", ", ConfigurationFactory.KINDS));
      }
      Object id = c.getValue("id");
      if (!(id instanceof String s) || !JsonBody.ID.matcher(s).matches()) {
        throw ApiProblem.badRequest(at + ".id must be an id");
      }
      Object doc = c.getValue("document");
      Object version = c.getValue("version");
      boolean delete = Boolean.TRUE.equals(c.getValue("delete"));
      int given = (doc != null ? 1 : 0) + (version != null ? 1 : 0) + (delete ? 1 : 0);
      if (given != 1) {
        throw ApiProblem.badRequest(at + " needs exactly one of document, version or delete: true");
      }
      if (doc != null && !(doc instanceof JsonObject)) {
        throw ApiProblem.badRequest(at + ".document must be an object");
      }
      if (version != null && !(version instanceof Number n && n.longValue() >= 1 && n.doubleValue() % 1 == 0)) {
        throw ApiProblem.badRequest(at + ".version must be a whole number from 1");
      }
      out.add(new ConfigDraft.Change((String) kind, (String) id, (JsonObject) doc,
          version == null ? null : ((Number) version).longValue(), delete));
    }
    return out;
  }
}
