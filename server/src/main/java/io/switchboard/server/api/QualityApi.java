package io.switchboard.server.api;

import io.switchboard.server.config.ReportsConfig;
import io.switchboard.server.quality.EvaluationForm;
import io.switchboard.server.quality.FormInvalid;
import io.switchboard.server.store.ReportQuery;
import io.switchboard.server.store.ReportQuery.Dimension;
import io.switchboard.server.store.Store;
import io.switchboard.server.store.StoreConflict;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Quality evaluation (docs/api.md, "Quality"): the admin-defined forms under {@code /api/quality/forms}, the
 * evaluations under {@code /api/quality/evaluations} ({@link EvaluationRoutes}) and the scores by agent over time,
 * {@code GET /api/reports/quality}. A form or evaluation that is well-formed JSON but not acceptable is a 422 whose
 * {@code field} names the path at fault ({@code sections[0].questions[1].weight}, {@code answers.greet}).
 */
public final class QualityApi {

  static final String FORMS = "/api/quality/forms";
  static final List<String> SCORERS = List.of(AgentAccount.SUPERVISOR, AgentAccount.ADMIN);
  private static final Set<Dimension> DIMENSIONS = EnumSet.of(Dimension.TOTAL, Dimension.AGENT, Dimension.QUEUE);

  private final Store store;
  private final ApiAuth auth;
  private final ReportsConfig reports;
  private final EvaluationRoutes evaluations;

  private QualityApi(Store store, Authenticator authenticator, SupervisorScope scope, ReportsConfig reports) {
    this.store = Objects.requireNonNull(store, "store");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
    this.reports = Objects.requireNonNull(reports, "reports");
    this.evaluations = new EvaluationRoutes(store, auth, Objects.requireNonNull(scope, "scope"));
  }

  public static QualityApi create(Store store, Authenticator authenticator, SupervisorScope scope,
      ReportsConfig reports) {
    return new QualityApi(store, authenticator, scope, reports);
  }

  public void mount(Router router) {
    router.get(FORMS).handler(ctx -> answer(ctx, auth, SCORERS, caller -> store.quality().latestForms()
        .map(forms -> new JsonObject().put("items", new JsonArray(forms.stream().map(QualityApi::formView)
            .toList())))));
    router.get(FORMS + "/:id").handler(ctx -> answer(ctx, auth, SCORERS, caller -> {
      String id = formId(ctx.pathParam("id"));
      String version = CallFilter.single(ctx.queryParams(), "version");
      Future<java.util.Optional<JsonObject>> found = version == null ? store.quality().latestForm(id)
          : store.quality().form(id, ReportParams.integer(ctx.queryParams(), "version", 1, 1, Integer.MAX_VALUE));
      return found.map(f -> formView(f.orElseThrow(() -> ApiProblem.notFound("no form " + id
          + (version == null ? "" : " version " + version)))));
    }));
    router.post(FORMS).handler(JsonBody.reader()).handler(ctx -> answer(ctx, auth, ApiAuth.ADMIN_ONLY, caller -> {
      JsonObject body = body(ctx);
      Object id = body.getValue("id");
      if (!(id instanceof String s) || !EvaluationForm.ID.matcher(s).matches()) {
        throw new FormInvalid("id", "must be 1 to 40 of a-z 0-9 _ - (starting with a letter or digit)");
      }
      EvaluationForm form = EvaluationForm.parse(s, 1, without(body, "id"));
      return store.quality().latestForm(s).compose(existing -> {
        if (existing.isPresent()) {
          throw ApiProblem.conflict("form " + s + " exists (PUT " + FORMS + "/" + s + " saves a new version)");
        }
        return save(form, caller);
      }).map(saved -> {
        ApiResponses.created(ctx, FORMS + "/" + s, saved);
        return null;
      });
    }));
    router.put(FORMS + "/:id").handler(JsonBody.reader()).handler(ctx -> answer(ctx, auth, ApiAuth.ADMIN_ONLY,
        caller -> {
          String id = formId(ctx.pathParam("id"));
          JsonObject body = body(ctx);
          if (body.containsKey("id") && !id.equals(body.getValue("id"))) {
            throw new FormInvalid("id", "differs from the path's form id " + id);
          }
          Object edited = body.getValue("version");
          if (edited != null && !(edited instanceof Integer)) {
            throw new FormInvalid("version", "must be the whole number of the version you edited");
          }
          EvaluationForm parsed = EvaluationForm.parse(id, 1, without(body, "id"));
          return store.quality().latestForm(id).compose(latest -> {
            int current = latest.orElseThrow(() -> ApiProblem.notFound("no form " + id + " (POST " + FORMS
                + " creates it)")).getInteger("version");
            if (edited != null && (Integer) edited != current) {
              throw ApiProblem.conflict("version: you edited version " + edited + " but " + current
                  + " is the newest; reload the form");
            }
            return save(new EvaluationForm(id, current + 1, parsed.name(), parsed.sections()), caller);
          });
        }));
    evaluations.mount(router);
    router.get("/api/reports/quality").handler(ctx -> answer(ctx, auth, SCORERS, caller -> {
      ReportQuery query = ReportParams.query(ctx.queryParams(), reports, Set.of(), DIMENSIONS, Dimension.AGENT);
      return store.quality().scores(query).map(rows -> {
        JsonArray out = new JsonArray();
        rows.forEach(r -> out.add(new JsonObject().put("group", r.group()).put("period", r.period())
            .mergeIn(r.figures())));
        return new JsonObject().put("zone", reports.zone().getId()).put("rows", out);
      });
    }));
  }

  private Future<JsonObject> save(EvaluationForm form, AgentAccount caller) {
    JsonObject document = form.toJson();
    document.remove("id");
    document.put("_id", form.id() + "@" + form.version()).put("formId", form.id())
        .put("createdAt", new JsonObject().put("$date", Instant.now().toString()))
        .put("by", new JsonObject().put("id", caller.id()).put("name", caller.name()));
    return store.quality().insertForm(document).map(v -> formView(document));
  }

  /** A stored form version as the API shows it. */
  static JsonObject formView(JsonObject stored) {
    return new JsonObject().put("id", stored.getString("formId")).put("version", stored.getInteger("version"))
        .put("name", stored.getString("name")).put("sections", stored.getJsonArray("sections"))
        .put("createdAt", CallView.date(stored.getValue("createdAt"))).put("by", stored.getJsonObject("by"));
  }

  static String formId(String id) {
    if (id == null || !EvaluationForm.ID.matcher(id).matches()) {
      throw ApiProblem.badRequest("form id must be 1 to 40 of a-z 0-9 _ - (starting with a letter or digit)");
    }
    return id;
  }

  /** The body as a JSON object: 400 when it is not one (a 422 is for well-formed bodies that say the wrong thing). */
  static JsonObject body(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw ApiProblem.badRequest("the body must be a JSON object");
    }
    try {
      if (Json.decodeValue(text) instanceof JsonObject json) {
        return json;
      }
    } catch (DecodeException e) {
      throw ApiProblem.badRequest("the body is not well-formed JSON");
    }
    throw ApiProblem.badRequest("the body must be a JSON object");
  }

  private static JsonObject without(JsonObject body, String field) {
    JsonObject copy = body.copy();
    copy.remove(field);
    copy.remove("version");
    return copy;
  }

  /**
   * As {@link ApiAction#answer}, and a {@link FormInvalid} is a 422 {@code {"error", "field"}} (RFC 9110 §15.5.21:
   * understood, not acceptable) so the page can point at the field.
   */
  static void answer(RoutingContext ctx, ApiAuth auth, List<String> roles, ApiAction action) {
    auth.caller(ctx, roles)
        .compose(caller -> {
          try {
            return action.run(caller);
          } catch (RuntimeException e) {
            return Future.failedFuture(e);
          }
        })
        .onSuccess(body -> {
          if (body != null) {
            ApiResponses.json(ctx, body);
          }
        })
        .onFailure(e -> {
          if (e instanceof FormInvalid invalid && !ctx.response().headWritten()) {
            ctx.response().setStatusCode(422).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("error", invalid.getMessage()).put("field", invalid.path()).encode());
          } else {
            ApiResponses.fail(ctx, e instanceof StoreConflict c ? ApiProblem.conflict(c.getMessage()) : e);
          }
        });
  }
}
