package io.switchboard.server.api;

import io.switchboard.routing.config.ConfigRejection;
import io.switchboard.routing.config.ConfigurationFactory;
import io.switchboard.server.routingconfig.NoSuchConfig;
import io.switchboard.server.routingconfig.RoutingConfigStore;
import io.switchboard.server.routingconfig.VersionConflict;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routing configuration (docs/api.md, "Routing configuration"): read by supervisors and admins, changed by
 * admins. Every change is validated as a whole configuration (422 with every problem), versioned (409 when
 * {@code If-Match} / {@code expectedVersion} is not the current version) and applied live.
 */
public final class RoutingConfigApi {

  static final String CONFIG = "/api/config";
  static final List<String> READERS = List.of(AgentAccount.SUPERVISOR, AgentAccount.ADMIN);
  static final List<String> WRITERS = List.of(AgentAccount.ADMIN);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern IF_MATCH = Pattern.compile("(?:W/)?\"?([0-9]{1,18})\"?");
  private static final int MAX_DEPTH = 16;

  private final RoutingConfigStore config;
  private final ApiAuth auth;
  private final AdminAudit audit;

  private RoutingConfigApi(RoutingConfigStore config, Authenticator authenticator, AdminAudit audit) {
    this.config = Objects.requireNonNull(config, "config");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
    this.audit = audit;
  }

  public static RoutingConfigApi create(RoutingConfigStore config, Authenticator authenticator) {
    return new RoutingConfigApi(config, authenticator, AdminAudit.none());
  }

  /** As {@link #create(RoutingConfigStore, Authenticator)}, each change also written to the audit log. */
  public static RoutingConfigApi create(RoutingConfigStore config, Authenticator authenticator,
      Function<JsonObject, Future<Void>> auditLog) {
    return new RoutingConfigApi(config, authenticator, new AdminAudit(auditLog));
  }

  private Future<JsonObject> audited(RoutingContext ctx, AgentAccount caller, String action, JsonObject entry) {
    return audit.record(ctx, caller, action, entry.getString("kind"), entry.getString("id"), entry.getLong("version"))
        .map(entry);
  }

  /** Adds the routes; they answer every request themselves (errors included). */
  public void mount(Router router) {
    String one = CONFIG + "/:kind/:id";
    router.get(CONFIG).handler(ctx -> answer(ctx, READERS, caller -> all()));
    router.get(one + "/versions").handler(ctx -> answer(ctx, READERS, caller -> {
      Target t = target(ctx);
      return config.versions(t.kind, t.id).map(list -> {
        JsonArray items = new JsonArray();
        list.forEach(v -> items.add(shown(v)));
        return new JsonObject().put("items", items);
      });
    }));
    router.post(one + "/rollback").handler(JsonBody.reader()).handler(ctx -> answer(ctx, WRITERS, caller -> {
      Target t = target(ctx);
      Long expected = expectedVersion(ctx);
      Long toVersion = null;
      String text = ctx.body() == null ? null : ctx.body().asString();
      if (text != null && !text.isBlank()) {
        JsonObject body = object(text, "the body must be {\"toVersion\": n} or empty");
        for (String name : body.fieldNames()) {
          if (!"toVersion".equals(name)) {
            throw ApiProblem.badRequest("unknown field " + CallFilter.quoted(name) + " (known: toVersion)");
          }
        }
        Object v = body.getValue("toVersion");
        if (v != null && !(v instanceof Integer || v instanceof Long) || v != null && ((Number) v).longValue() < 0) {
          throw ApiProblem.badRequest("toVersion: expected a whole number >= 0");
        }
        toVersion = v == null ? null : ((Number) v).longValue();
      }
      return config.rollback(t.kind, t.id, toVersion, expected, caller.id())
          .compose(e -> audited(ctx, caller, "config.rollback", e)).map(e -> withTag(ctx, e));
    }));
    router.get(one).handler(ctx -> answer(ctx, READERS, caller -> {
      Target t = target(ctx);
      return config.entry(t.kind, t.id).map(e -> {
        if (e.getBoolean("deleted", false)) {
          throw ApiProblem.notFound(t.kind + " " + t.id + " was deleted (version " + e.getLong("version")
              + "); its versions: " + CONFIG + "/" + t.kind + "/" + t.id + "/versions");
        }
        return withTag(ctx, e);
      });
    }));
    router.put(one).handler(JsonBody.reader()).handler(ctx -> answer(ctx, WRITERS, caller -> {
      Target t = target(ctx);
      Long expected = expectedVersion(ctx);
      JsonObject document = document(ctx, t);
      return stored(t, document).compose(doc -> config.put(t.kind, t.id, doc, expected, caller.id()))
          .compose(e -> audited(ctx, caller, "config.put", e)).map(e -> {
        ctx.response().setStatusCode(e.getLong("version") == 1 ? 201 : 200);
        return withTag(ctx, e);
      });
    }));
    router.delete(one).handler(ctx -> answer(ctx, WRITERS, caller -> {
      Target t = target(ctx);
      return config.delete(t.kind, t.id, expectedVersion(ctx), caller.id())
          .compose(e -> audited(ctx, caller, "config.delete", e)).map(e -> withTag(ctx, e));
    }));
  }

  private record Target(String kind, String id) {
  }

  private interface Action {
    Future<JsonObject> run(AgentAccount caller);
  }

  private void answer(RoutingContext ctx, List<String> roles, Action action) {
    auth.caller(ctx, roles)
        .compose(caller -> {
          try {
            return action.run(caller);
          } catch (RuntimeException problem) {
            return Future.failedFuture(problem);
          }
        })
        .onSuccess(body -> send(ctx, ctx.response().getStatusCode() == 201 ? 201 : 200, body))
        .onFailure(e -> {
          if (e instanceof ConfigRejection r) {
            send(ctx, 422, new JsonObject().put("error", "the change would make the routing configuration invalid;"
                + " nothing was changed").put("problems", new JsonArray(r.problems()))
                .put("details", ProblemDetails.of(r.problems())));
          } else if (e instanceof VersionConflict c) {
            send(ctx, 409, new JsonObject().put("error", c.getMessage()).put("currentVersion", c.currentVersion()));
          } else if (e instanceof NoSuchConfig n) {
            ApiResponses.fail(ctx, ApiProblem.notFound(n.getMessage()));
          } else {
            ApiResponses.fail(ctx, e);
          }
        });
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }

  private Future<JsonObject> all() {
    return config.entriesByKind().map(byKind -> {
      JsonObject documents = new JsonObject();
      byKind.forEach((kind, list) -> {
        JsonArray items = new JsonArray();
        list.forEach(e -> items.add(shown(e)));
        documents.put(kind, items);
      });
      return new JsonObject().put("revision", config.current().revision())
          .put("startProblems", new JsonArray(config.startProblems())).put("documents", documents);
    });
  }

  /** {@code {kind, id, version, revision, deleted, author, action, savedAt, document}}. */
  static JsonObject view(JsonObject entry) {
    Object savedAt = entry.getValue("savedAt");
    return new JsonObject().put("kind", entry.getString("kind")).put("id", entry.getString("id"))
        .put("version", entry.getLong("version")).put("revision", entry.getLong("revision"))
        .put("deleted", entry.getBoolean("deleted", false)).put("author", entry.getString("author"))
        .put("action", entry.getString("action"))
        .put("savedAt", savedAt instanceof JsonObject d ? d.getValue("$date") : savedAt)
        .put("document", entry.getJsonObject("doc"));
  }

  /** {@link #view} without what a server kind keeps secret (a trunk's passwords). */
  private JsonObject shown(JsonObject entry) {
    JsonObject view = view(entry);
    config.serverKind(entry.getString("kind")).ifPresent(k -> view.put("document", k.shown(view.getJsonObject(
        "document"))));
    return view;
  }

  /** What a server kind stores of {@code document}: a trunk's passwords sealed, one left out kept as it was. */
  private Future<JsonObject> stored(Target t, JsonObject document) {
    return config.serverKind(t.kind).map(k -> config.entry(t.kind, t.id)
            .map(e -> e.getBoolean("deleted", false) ? null : e.getJsonObject("doc"))
            .recover(e -> e instanceof NoSuchConfig ? Future.succeededFuture(null) : Future.failedFuture(e))
            .map(current -> k.stored(document, current)))
        .orElse(Future.succeededFuture(document));
  }

  private JsonObject withTag(RoutingContext ctx, JsonObject entry) {
    ctx.response().putHeader("ETag", "\"" + entry.getLong("version") + "\"");
    return shown(entry);
  }

  private Target target(RoutingContext ctx) {
    String kind = ctx.pathParam("kind");
    String id = ctx.pathParam("id");
    if (!ConfigurationFactory.KINDS.contains(kind) && config.serverKind(kind).isEmpty()) {
      throw ApiProblem.notFound("unknown kind " + CallFilter.quoted(kind) + " (known: "
          + String.join(", ", ConfigurationFactory.KINDS) + ")");
    }
    if (id == null || !ID.matcher(id).matches()) {
      throw ApiProblem.badRequest("id must be 1 to 64 of A-Z a-z 0-9 _ . - (not starting with _ . -)");
    }
    if (ConfigurationFactory.SINGLETONS.contains(kind) && !ConfigurationFactory.SINGLETON_ID.equals(id)) {
      throw ApiProblem.notFound("the only " + kind + " document is '" + ConfigurationFactory.SINGLETON_ID + "'");
    }
    return new Target(kind, id);
  }

  /** {@code If-Match: "3"} (RFC 9110 §13.1.1, the ETag we send) or {@code ?expectedVersion=3}; null = no check. */
  static Long expectedVersion(RoutingContext ctx) {
    List<String> headers = ctx.request().headers().getAll("If-Match");
    List<String> params = ctx.queryParam("expectedVersion");
    if (headers.size() > 1 || params.size() > 1) {
      throw ApiProblem.badRequest("give If-Match or expectedVersion once");
    }
    Long fromHeader = null;
    if (!headers.isEmpty()) {
      Matcher m = IF_MATCH.matcher(headers.get(0).trim());
      if (!m.matches()) {
        throw ApiProblem.badRequest("If-Match must be a version as sent in ETag, e.g. \"3\"");
      }
      fromHeader = Long.parseLong(m.group(1));
    }
    Long fromQuery = null;
    if (!params.isEmpty()) {
      if (!params.get(0).matches("[0-9]{1,18}")) {
        throw ApiProblem.badRequest("expectedVersion must be a whole number >= 0");
      }
      fromQuery = Long.parseLong(params.get(0));
    }
    if (fromHeader != null && fromQuery != null && !fromHeader.equals(fromQuery)) {
      throw ApiProblem.badRequest("If-Match and expectedVersion disagree");
    }
    return fromHeader != null ? fromHeader : fromQuery;
  }

  /** The body: one JSON object whose id (if given) is the path's, with field names MongoDB can store. */
  private static JsonObject document(RoutingContext ctx, Target t) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw ApiProblem.badRequest("the body must be the " + t.kind + " document, a JSON object");
    }
    JsonObject doc = object(text, "the body must be the " + t.kind + " document, a JSON object");
    for (String field : List.of("id", "_id")) {
      Object given = doc.getValue(field);
      if (given != null && !t.id.equals(given)) {
        throw ApiProblem.badRequest(field + " " + CallFilter.quoted(String.valueOf(given)) + " differs from the"
            + " path's id " + CallFilter.quoted(t.id));
      }
    }
    doc.remove("_id");
    checkNames(doc, "", 0);
    return doc;
  }

  private static JsonObject object(String text, String expected) {
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw ApiProblem.badRequest("the body is not well-formed JSON");
    }
    if (parsed instanceof JsonObject j) {
      return j;
    }
    if (parsed instanceof Map<?, ?> m) {
      return new JsonObject(castMap(m));
    }
    throw ApiProblem.badRequest(expected);
  }

  /** MongoDB cannot keep '.' or a leading '$' in a field name everywhere; refuse them here rather than fail later. */
  private static void checkNames(Object value, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw ApiProblem.badRequest("the document nests deeper than " + MAX_DEPTH + " levels");
    }
    Function<String, String> at = name -> path.isEmpty() ? name : path + "." + name;
    if (value instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        if (e.getKey().isEmpty() || e.getKey().contains(".") || e.getKey().startsWith("$")) {
          throw ApiProblem.badRequest("field name " + CallFilter.quoted(e.getKey()) + (path.isEmpty() ? ""
              : " in " + path) + ": must not be empty, contain '.' or start with '$'");
        }
        checkNames(e.getValue(), at.apply(e.getKey()), depth + 1);
      }
    } else if (value instanceof Map<?, ?> m) {
      checkNames(new JsonObject(castMap(m)), path, depth);
    } else if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        checkNames(a.getValue(i), path + "[" + i + "]", depth + 1);
      }
    } else if (value instanceof List<?> l) {
      checkNames(new JsonArray(new java.util.ArrayList<>(l)), path, depth);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
