package io.switchboard.server.api;

import io.switchboard.routing.config.ConfigRejection;
import io.switchboard.server.routingconfig.RoutingConfigStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The IVR editor's two questions (docs/api.md, "Flow editor"), for admins, storing nothing:
 * {@code POST /api/flows/check} {@code {id, flow}}: what would be wrong with the whole configuration with this flow
 * (the problems name the steps, so the tree marks them); {@code POST /api/flows/simulate}
 * {@code {flow, digits, at, caller?, dialled?}}: the routing engine walks the flow as for a call (call control's
 * {@code FlowSimulation}).
 */
public final class FlowTestApi {

  static final String FLOWS = "/api/flows";
  private static final Pattern DIGITS = Pattern.compile("[0-9*#]{0,20}");
  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,15}");

  private final RoutingConfigStore config;
  private final FlowSimulator simulator;
  private final ApiAuth auth;

  private FlowTestApi(RoutingConfigStore config, FlowSimulator simulator, Authenticator authenticator) {
    this.config = Objects.requireNonNull(config, "config");
    this.simulator = Objects.requireNonNull(simulator, "simulator");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
  }

  public static FlowTestApi create(RoutingConfigStore config, FlowSimulator simulator, Authenticator authenticator) {
    return new FlowTestApi(config, simulator, authenticator);
  }

  public void mount(Router router) {
    router.post(FLOWS + "/check").handler(JsonBody.reader()).handler(ctx -> ApiAction.answer(ctx, auth,
        ApiAuth.ADMIN_ONLY, caller -> {
          JsonObject body = body(ctx.body().asString(), Set.of("id", "flow"));
          String id = body.getString("id");
          if (id == null || !JsonBody.ID.matcher(id).matches()) {
            throw ApiProblem.unprocessable("id: the flow's id, 1 to 64 of A-Z a-z 0-9 . _ : -");
          }
          return config.check("flow", id, flow(body))
              .map(problems -> new JsonObject().put("problems", new JsonArray(problems)));
        }));
    router.post(FLOWS + "/simulate").handler(JsonBody.reader()).handler(ctx -> ApiAction.answer(ctx, auth,
        ApiAuth.ADMIN_ONLY, caller -> {
          JsonObject body = body(ctx.body().asString(), Set.of("flow", "digits", "at", "caller", "dialled"));
          String digits = body.getValue("digits") == null ? "" : String.valueOf(body.getValue("digits"));
          if (!DIGITS.matcher(digits).matches()) {
            throw ApiProblem.unprocessable("digits: up to 20 of 0-9 * #");
          }
          Instant at;
          try {
            at = body.getValue("at") == null ? Instant.now() : Instant.parse(String.valueOf(body.getValue("at")));
          } catch (DateTimeParseException e) {
            throw ApiProblem.unprocessable("at: an ISO-8601 instant, e.g. 2026-12-24T09:30:00Z");
          }
          String callerNumber = number(body, "caller", "+4915112345678");
          String dialled = number(body, "dialled", "+4930555001");
          JsonObject flow = flow(body);
          String id = flow.getString("id", "draft");
          if (!JsonBody.ID.matcher(id).matches()) {
            throw ApiProblem.unprocessable("flow.id: 1 to 64 of A-Z a-z 0-9 . _ : -");
          }
          // Built with the whole configuration, so the flow's named schedules and lists are those in force.
          return config.withDraft("flow", id, flow)
              .map(built -> simulator.run(built.flows().get(id), digits, at, callerNumber, dialled))
              .recover(e -> e instanceof ConfigRejection r
                  ? Future.succeededFuture(new JsonObject().put("problems", new JsonArray(r.problems())))
                  : Future.failedFuture(e));
        }));
  }

  private static JsonObject body(String text, Set<String> allowed) {
    JsonObject body;
    try {
      body = new JsonObject(text == null ? "" : text);
    } catch (RuntimeException e) {
      throw ApiProblem.badRequest("the body must be a JSON object");
    }
    body.fieldNames().stream().filter(f -> !allowed.contains(f)).findFirst().ifPresent(f -> {
      throw ApiProblem.badRequest("unknown field " + CallFilter.quoted(f) + " (known: " + String.join(", ",
          new java.util.TreeSet<>(allowed)) + ")");
    });
    return body;
  }

  private static JsonObject flow(JsonObject body) {
    if (!(body.getValue("flow") instanceof JsonObject flow)) {
      throw ApiProblem.unprocessable("flow: the flow document, a JSON object");
    }
    return flow;
  }

  private static String number(JsonObject body, String field, String otherwise) {
    Object v = body.getValue(field);
    if (v == null || String.valueOf(v).isEmpty()) {
      return otherwise;
    }
    if (!NUMBER.matcher(String.valueOf(v)).matches()) {
      throw ApiProblem.unprocessable(field + ": a phone number, + and up to 15 digits");
    }
    return String.valueOf(v);
  }
}
