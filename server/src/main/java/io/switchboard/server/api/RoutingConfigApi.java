package io.switchboard.server.api;

import io.switchboard.routing.config.ConfigRejection;
import io.switchboard.routing.config.ConfigurationFactory;
import io.switchboard.server.routingconfig.RoutingConfigService;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The routing configuration (docs/api.md, "Configuration"): supervisors and admins read it, admins change it. Every
 * change is a new version of one document; the whole configuration is checked before anything is stored (422 with
 * every problem otherwise) and applied at once, without a restart. {@code If-Match: "<version>"} (or
 * {@code ?expectedVersion=}) makes a change conditional: 409 if someone saved in between.
 */
public final class RoutingConfigApi {

  static final String CONFIG = "/api/config";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final List<String> READERS = List.of(AgentAccount.SUPERVISOR, AgentAccount.ADMIN);

  private final RoutingConfigService service;
  private final ApiAuth auth;

  private RoutingConfigApi(RoutingConfigService service, Authenticator authenticator) {
    this.service = Objects.requireNonNull(service, "service");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
  }

  public static RoutingConfigApi create(RoutingConfigService service, Authenticator authenticator) {
    return new RoutingConfigApi(service, authenticator);
  }

  public void mount(Router router) {
    router.get(CONFIG).handler(ctx -> ApiAction.answer(ctx, auth, READERS,
        caller -> Future.succeededFuture(service.snapshot())));
    router.get(CONFIG + "/:kind/:id").handler(ctx -> ApiAction.answer(ctx, auth, READERS, caller -> {
      String kind = kind(ctx);
      String id = id(ctx);
      return Future.succeededFuture(service.entry(kind, id)
          .orElseThrow(() -> ApiProblem.notFound("no " + kind + " " + id)));
    }));
    router.get(CONFIG + "/:kind/:id/versions").handler(ctx -> ApiAction.answer(ctx, auth, READERS, caller -> {
      String kind = kind(ctx);
      String id = id(ctx);
      return service.versions(kind, id).map(list -> {
        if (list.isEmpty()) {
          throw ApiProblem.notFound("no " + kind + " " + id);
        }
        return new JsonObject().put("items", new JsonArray(List.copyOf(list)));
      });
    }));
    router.put(CONFIG + "/:kind/:id").handler(JsonBody.reader()).handler(ctx -> ApiAction.answer(ctx, auth,
        ApiAuth.ADMIN_ONLY, caller -> {
          String kind = kind(ctx);
          String id = id(ctx);
          JsonObject doc = body(ctx);
          Object bodyId = doc.getValue("_id");
          if (bodyId != null && !id.equals(bodyId)) {
            throw ApiProblem.badRequest("_id: the body's id differs from the path's");
          }
          return translate(service.put(kind, id, doc, caller.id(), ctx.queryParams().get("note"),
              expectedVersion(ctx)));
        }));
    router.delete(CONFIG + "/:kind/:id").handler(ctx -> ApiAction.answer(ctx, auth, ApiAuth.ADMIN_ONLY,
        caller -> translate(service.put(kind(ctx), id(ctx), null, caller.id(), ctx.queryParams().get("note"),
            expectedVersion(ctx)))));
    router.post(CONFIG + "/:kind/:id/rollback").handler(ctx -> ApiAction.answer(ctx, auth, ApiAuth.ADMIN_ONLY,
        caller -> translate(service.rollback(kind(ctx), id(ctx), caller.id()))));
  }

  /** The service's refusals as the API's statuses: 422 with every problem, 409, 404. */
  private static Future<JsonObject> translate(Future<JsonObject> change) {
    return change.recover(e -> {
      if (e instanceof ConfigRejection r) {
        return Future.failedFuture(new ApiProblem(422, "the configuration would not be valid: "
            + String.join("; ", r.problems())));
      }
      if (e instanceof RoutingConfigService.VersionConflict) {
        return Future.failedFuture(ApiProblem.conflict(e.getMessage()));
      }
      if (e instanceof RoutingConfigService.NoSuchDocument) {
        return Future.failedFuture(ApiProblem.notFound(e.getMessage()));
      }
      return Future.failedFuture(e);
    });
  }

  private static String kind(RoutingContext ctx) {
    String kind = ctx.pathParam("kind");
    if (!ConfigurationFactory.KINDS.contains(kind)) {
      throw ApiProblem.notFound("unknown kind " + CallFilter.quoted(String.valueOf(kind)) + " (expected one of "
          + ConfigurationFactory.KINDS + ")");
    }
    return kind;
  }

  private static String id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !ID.matcher(id).matches()) {
      throw ApiProblem.badRequest("id must be 1 to 64 of letters, digits, '.', '_' or '-'");
    }
    return id;
  }

  private static JsonObject body(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw ApiProblem.badRequest("the body must be the document, a JSON object");
    }
    try {
      Object parsed = Json.decodeValue(text);
      if (parsed instanceof JsonObject json) {
        return json;
      }
    } catch (DecodeException e) {
      throw ApiProblem.badRequest("the body is not well-formed JSON");
    }
    throw ApiProblem.badRequest("the body must be the document, a JSON object");
  }

  private static Long expectedVersion(RoutingContext ctx) {
    String value = ctx.request().getHeader("If-Match");
    if (value == null) {
      value = ctx.queryParams().get("expectedVersion");
    }
    if (value == null) {
      return null;
    }
    String digits = value.replace("\"", "").replace("W/", "").trim();
    try {
      long v = Long.parseLong(digits);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("If-Match / expectedVersion must be a version number, got "
          + CallFilter.quoted(value));
    }
  }
}
