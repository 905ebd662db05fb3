package io.switchboard.server.api;

import io.switchboard.server.quality.Answer;
import io.switchboard.server.quality.EvaluationForm;
import io.switchboard.server.quality.FormInvalid;
import io.switchboard.server.quality.QualityScore;
import io.switchboard.server.store.EvaluationQuery;
import io.switchboard.server.store.Ids;
import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/quality/evaluations}: supervisors (and admins) score a recorded call with a form; the evaluated agent
 * reads their own and answers once, acknowledging or disputing with a comment; supervisors see the answer. A
 * supervisor scores and reads only the agents their groups cover (as for recordings, {@link SupervisorScope}).
 */
final class EvaluationRoutes {

  static final String EVALUATIONS = "/api/quality/evaluations";
  static final List<String> STATUSES = List.of("new", "acknowledged", "disputed");
  private static final Set<String> FIELDS = Set.of("callId", "formId", "formVersion", "answers", "comment");
  private static final int MAX_COMMENT = 2000;

  private final Store store;
  private final ApiAuth auth;
  private final SupervisorScope scope;

  EvaluationRoutes(Store store, ApiAuth auth, SupervisorScope scope) {
    this.store = store;
    this.auth = auth;
    this.scope = scope;
  }

  void mount(Router router) {
    router.post(EVALUATIONS).handler(JsonBody.reader()).handler(ctx -> QualityApi.answer(ctx, auth,
        QualityApi.SCORERS, caller -> score(ctx, caller)));
    router.get(EVALUATIONS).handler(ctx -> QualityApi.answer(ctx, auth, ApiAuth.ANY_ROLE, caller -> list(ctx,
        caller)));
    router.get(EVALUATIONS + "/:id").handler(ctx -> QualityApi.answer(ctx, auth, ApiAuth.ANY_ROLE,
        caller -> visible(ctx, caller).map(EvaluationRoutes::view)));
    router.post(EVALUATIONS + "/:id/acknowledge").handler(JsonBody.reader()).handler(ctx -> QualityApi.answer(ctx,
        auth, ApiAuth.ANY_ROLE, caller -> respond(ctx, caller, "acknowledged")));
    router.post(EVALUATIONS + "/:id/dispute").handler(JsonBody.reader()).handler(ctx -> QualityApi.answer(ctx,
        auth, ApiAuth.ANY_ROLE, caller -> respond(ctx, caller, "disputed")));
  }

  private Future<JsonObject> score(RoutingContext ctx, AgentAccount caller) {
    JsonObject body = QualityApi.body(ctx);
    for (String name : body.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw new FormInvalid(name, "is not a field here (known: " + String.join(", ", FIELDS.stream().sorted()
            .toList()) + ")");
      }
    }
    String callId = body.getValue("callId") instanceof String s && JsonBody.ID.matcher(s).matches() ? s : null;
    if (callId == null) {
      throw new FormInvalid("callId", "must be the id of a recorded call");
    }
    String formId = body.getValue("formId") instanceof String s && EvaluationForm.ID.matcher(s).matches() ? s
        : null;
    if (formId == null) {
      throw new FormInvalid("formId", "must be the id of an evaluation form");
    }
    Object version = body.getValue("formVersion");
    if (version != null && !(version instanceof Integer v && v >= 1)) {
      throw new FormInvalid("formVersion", "must be a whole number from 1 (or absent: the newest)");
    }
    String comment = comment(body, "comment", false);
    if (!(body.getValue("answers") instanceof JsonObject answers)) {
      throw new FormInvalid("answers", "is required: an object of question id to answer");
    }
    return store.call(callId).compose(found -> {
      JsonObject call = found.orElseThrow(() -> new FormInvalid("callId", "there is no call " + callId));
      String agentId = CallsApi.agentIdOf(call);
      if (agentId == null) {
        throw new FormInvalid("callId", "nobody answered call " + callId + ": there is no agent to evaluate");
      }
      if (call.getJsonObject("recording") == null) {
        throw new FormInvalid("callId", "call " + callId + " was not recorded");
      }
      if (!CallsApi.mayHear(scope, caller, agentId)) {
        throw ApiProblem.forbidden("a supervisor evaluates only the agents of the groups they supervise");
      }
      Future<Optional<JsonObject>> form = version == null ? store.quality().latestForm(formId)
          : store.quality().form(formId, (Integer) version);
      return form.compose(stored -> {
        JsonObject formDoc = stored.orElseThrow(() -> new FormInvalid(version == null ? "formId" : "formVersion",
            "there is no form " + formId + (version == null ? "" : " version " + version)));
        int formVersion = formDoc.getInteger("version");
        EvaluationForm parsed = EvaluationForm.parse(formId, formVersion, new JsonObject()
            .put("name", formDoc.getString("name")).put("sections", formDoc.getJsonArray("sections")));
        Map<String, Answer> given = parsed.answers(answers);
        QualityScore result = QualityScore.of(parsed.questions(), given);
        JsonObject evaluation = new JsonObject()
            .put("_id", Ids.mint("ev"))
            .put("callId", callId)
            .put("callArrivedAt", call.getValue("arrivedAt"))
            .put("agent", call.getJsonObject("agent"))
            .put("queue", call.getJsonObject("queue"))
            .put("form", parsed.toJson())
            .put("answers", answers.copy())
            .put("comment", comment)
            .put("score", result.percent())
            .put("rawScore", result.raw())
            .put("criticalFailed", new JsonArray(result.criticalFailed()))
            .put("zeroed", !result.criticalFailed().isEmpty())
            .put("evaluator", new JsonObject().put("id", caller.id()).put("name", caller.name()))
            .put("createdAt", now())
            .put("status", "new")
            .put("response", null);
        return store.quality().insertEvaluation(evaluation).map(v -> {
          ApiResponses.created(ctx, EVALUATIONS + "/" + evaluation.getString("_id"), view(evaluation));
          return null;
        });
      });
    });
  }

  private Future<JsonObject> list(RoutingContext ctx, AgentAccount caller) {
    for (String name : ctx.queryParams().names()) {
      if (!Set.of("agent", "callId", "status", "limit").contains(name)) {
        throw ApiProblem.badRequest("unknown parameter " + CallFilter.quoted(name));
      }
    }
    String agent = ReportParams.id(ctx.queryParams(), "agent");
    String callId = ReportParams.id(ctx.queryParams(), "callId");
    String status = CallFilter.single(ctx.queryParams(), "status");
    if (status != null && !STATUSES.contains(status)) {
      throw ApiProblem.badRequest("status must be one of " + STATUSES);
    }
    int limit = ReportParams.integer(ctx.queryParams(), "limit", 100, 1, 500);
    boolean supervising = ApiAuth.seesAllCalls(caller);
    if (!supervising) {
      if (agent != null && !agent.equals(caller.id())) {
        throw ApiProblem.forbidden("agents see only their own evaluations");
      }
      agent = caller.id();
    }
    return store.quality().evaluations(new EvaluationQuery(agent, callId, status, limit)).map(found -> {
      JsonArray items = new JsonArray();
      found.stream().filter(e -> !supervising || covers(caller, e)).forEach(e -> items.add(view(e)));
      return new JsonObject().put("items", items);
    });
  }

  private Future<JsonObject> respond(RoutingContext ctx, AgentAccount caller, String status) {
    JsonObject body = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : QualityApi.body(ctx);
    for (String name : body.fieldNames()) {
      if (!name.equals("comment")) {
        throw new FormInvalid(name, "is not a field here (known: comment)");
      }
    }
    String comment = comment(body, "comment", status.equals("disputed"));
    return visible(ctx, caller).compose(evaluation -> {
      if (!caller.id().equals(CallsApi.agentIdOf(evaluation))) {
        throw ApiProblem.forbidden("only the evaluated agent acknowledges or disputes an evaluation");
      }
      JsonObject response = new JsonObject().put("comment", comment).put("at", now());
      return store.quality().respond(evaluation.getString("_id"), status, response).compose(done -> {
        if (!done) {
          throw ApiProblem.conflict("this evaluation was already " + evaluation.getString("status"));
        }
        return store.quality().evaluation(evaluation.getString("_id"));
      }).map(updated -> view(updated.orElseThrow()));
    });
  }

  /** The evaluation of the path if the caller may read it: an agent their own, a supervisor their groups'. */
  private Future<JsonObject> visible(RoutingContext ctx, AgentAccount caller) {
    String id = ctx.pathParam("id");
    if (id == null || !JsonBody.ID.matcher(id).matches()) {
      throw ApiProblem.badRequest("evaluation id must be 1 to 64 of A-Z a-z 0-9 . _ : -");
    }
    return store.quality().evaluation(id).map(found -> {
      JsonObject evaluation = found.orElseThrow(() -> ApiProblem.notFound("no evaluation " + id));
      boolean own = caller.id().equals(CallsApi.agentIdOf(evaluation));
      if (!own && !(ApiAuth.seesAllCalls(caller) && covers(caller, evaluation))) {
        throw ApiProblem.forbidden("agents see only their own evaluations");
      }
      return evaluation;
    });
  }

  private boolean covers(AgentAccount caller, JsonObject evaluation) {
    return CallsApi.mayHear(scope, caller, CallsApi.agentIdOf(evaluation));
  }

  private static String comment(JsonObject body, String field, boolean required) {
    Object value = body.getValue(field);
    if (value == null || (value instanceof String s && s.isBlank())) {
      if (required) {
        throw new FormInvalid(field, "is required: say what you disagree with");
      }
      return "";
    }
    if (!(value instanceof String s) || s.length() > MAX_COMMENT
        || s.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
      throw new FormInvalid(field, "must be text of at most " + MAX_COMMENT + " characters");
    }
    return s.strip();
  }

  private static JsonObject now() {
    return new JsonObject().put("$date", Instant.now().toString());
  }

  static JsonObject view(JsonObject stored) {
    JsonObject response = stored.getJsonObject("response");
    return new JsonObject().put("id", stored.getString("_id")).put("callId", stored.getString("callId"))
        .put("callArrivedAt", CallView.date(stored.getValue("callArrivedAt")))
        .put("agent", stored.getJsonObject("agent")).put("queue", stored.getJsonObject("queue"))
        .put("form", stored.getJsonObject("form")).put("answers", stored.getJsonObject("answers"))
        .put("comment", stored.getString("comment")).put("score", stored.getValue("score"))
        .put("rawScore", stored.getValue("rawScore")).put("criticalFailed", stored.getJsonArray("criticalFailed"))
        .put("evaluator", stored.getJsonObject("evaluator"))
        .put("createdAt", CallView.date(stored.getValue("createdAt"))).put("status", stored.getString("status"))
        .put("response", response == null ? null : new JsonObject().put("comment", response.getString("comment"))
            .put("at", CallView.date(response.getValue("at"))));
  }
}
