package io.switchboard.server.api;

import io.switchboard.server.store.Ids;
import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /api/calls/{id}/wrap-up} (docs/api.md): what the agent writes after a call. An agent wraps up only
 * the calls they answered, for {@value #AGENT_WINDOW_HOURS} h after the call; supervisors and admins any call, any
 * time (corrections). Everything is checked before anything is written; then the incident is written first and the
 * call record last, and a retry (the same call) updates the incident its first attempt opened rather than opening
 * a second, so a failure in between leaves nothing half done that a retry would not mend.
 */
public final class WrapUpApi {

  static final int AGENT_WINDOW_HOURS = 24;
  private static final Duration AGENT_WINDOW = Duration.ofHours(AGENT_WINDOW_HOURS);

  private final Store store;
  private final ApiAuth auth;
  private final Clock clock;

  private WrapUpApi(Store store, Authenticator authenticator, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public static WrapUpApi create(Store store, Authenticator authenticator) {
    return new WrapUpApi(store, authenticator, Clock.systemUTC());
  }

  static WrapUpApi create(Store store, Authenticator authenticator, Clock clock) {
    return new WrapUpApi(store, authenticator, clock);
  }

  public void mount(Router router) {
    router.post(CallsApi.CALLS + "/:id/wrap-up").handler(JsonBody.reader())
        .handler(ctx -> ApiAction.answer(ctx, auth, ApiAuth.ANY_ROLE, caller -> wrapUp(ctx, caller)));
  }

  private Future<JsonObject> wrapUp(RoutingContext ctx, AgentAccount caller) {
    String callId = ctx.pathParam("id");
    if (callId == null || !CallsApi.CALL_ID.matcher(callId).matches()) {
      throw ApiProblem.badRequest("call id must be 1 to 64 of A-Z a-z 0-9 . _ : -");
    }
    WrapUpInput input = WrapUpInput.of(ctx);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return store.call(callId).compose(found -> {
      JsonObject call = found.orElseThrow(() -> ApiProblem.notFound("no call " + callId));
      checkAllowed(caller, call, now);
      return store.dispositions().byCode(input.disposition());
    }).compose(disposition -> {
      if (disposition.isEmpty() || !disposition.get().getBoolean("active", true)) {
        throw ApiProblem.unprocessable("disposition: " + CallFilter.quoted(input.disposition())
            + " is not an active disposition (GET /api/dispositions)");
      }
      return store.call(callId);
    }).compose(call -> incident(call.orElseThrow(), input, caller, now).compose(incident -> {
      JsonObject wrapUp = new JsonObject()
          .put("disposition", input.disposition())
          .put("notes", input.notes())
          .put("firstContactResolution", input.firstContactResolution())
          .put("incidentId", incident.map(i -> i.getString("_id")).orElse(null))
          .put("by", new JsonObject().put("id", caller.id()).put("name", caller.name()))
          .put("at", new JsonObject().put("$date", now.toString()));
      return store.saveWrapUp(callId, wrapUp).map(saved -> {
        if (!saved) {
          throw ApiProblem.notFound("no call " + callId);
        }
        return new JsonObject().put("callId", callId).put("wrapUp", view(wrapUp))
            .put("incident", incident.map(CrmViews::incident).orElse(null));
      });
    }));
  }

  /** 403 unless the caller may wrap this call up now. */
  private static void checkAllowed(AgentAccount caller, JsonObject call, Instant now) {
    if (ApiAuth.seesAllCalls(caller)) {
      return;
    }
    if (!caller.id().equals(CallsApi.agentIdOf(call))) {
      throw ApiProblem.forbidden("agents wrap up only the calls they answered");
    }
    String ended = CallView.date(call.getValue("endedAt"));
    if (ended != null && CallsApi.instant(call.getValue("endedAt")).plus(AGENT_WINDOW).isBefore(now)) {
      throw ApiProblem.forbidden("an agent's wrap-up closes " + AGENT_WINDOW_HOURS + " h after the call");
    }
  }

  /** Opens or updates the incident the input asks for (after checking it may); empty when it asks for none. */
  private Future<Optional<JsonObject>> incident(JsonObject call, WrapUpInput input, AgentAccount caller,
      Instant now) {
    if (input.create() == null && input.update() == null) {
      return Future.succeededFuture(Optional.empty());
    }
    String callId = call.getString("_id");
    return customerIdOf(call).compose(customerId -> {
      if (input.create() != null) {
        if (customerId == null) {
          throw ApiProblem.unprocessable("incident.create: the caller " + call.getString("from")
              + " is not a known customer");
        }
        return create(callId, customerId, input.create(), caller, now);
      }
      WrapUpInput.IncidentChange change = input.update();
      return store.incidents().byId(change.id()).compose(found -> {
        JsonObject incident = found.orElseThrow(() -> ApiProblem.unprocessable("incident.update.id: no incident "
            + change.id()));
        if (!Objects.equals(incident.getString("customerId"), customerId)) {
          throw ApiProblem.unprocessable("incident.update.id: incident " + change.id()
              + " is not the caller's");
        }
        JsonObject changes = new JsonObject();
        if (change.status() != null) {
          changes.put("status", change.status());
        }
        JsonObject note = change.note() == null ? null : new JsonObject().put("text", change.note())
            .put("callId", callId).put("by", caller.id()).put("at", new JsonObject().put("$date", now.toString()));
        return store.incidents().update(change.id(), changes, new JsonArray().add(callId), note);
      });
    });
  }

  private Future<Optional<JsonObject>> create(String callId, String customerId, WrapUpInput.NewIncident create,
      AgentAccount caller, Instant now) {
    JsonObject fields = new JsonObject().put("priority", create.priority()).put("title", create.title())
        .put("description", create.description());
    return store.incidents().createdInWrapUpOf(callId).compose(earlier -> {
      if (earlier.isPresent()) { // a retry, or the agent correcting their wrap-up: one incident per wrap-up
        return store.incidents().update(earlier.get().getString("_id"), fields, null);
      }
      JsonObject date = new JsonObject().put("$date", now.toString());
      JsonObject document = fields.copy()
          .put("_id", Ids.mint("in"))
          .put("customerId", customerId)
          .put("status", "open")
          .put("callIds", new JsonArray().add(callId))
          .put("wrapUpOf", callId)
          .put("createdBy", caller.id())
          .put("createdAt", date)
          .put("updatedAt", date);
      return store.incidents().insert(document).map(Optional.of(document));
    });
  }

  /** The customer whose number called: the record's own {@code customerId} when call control put it there. */
  private Future<String> customerIdOf(JsonObject call) {
    String known = call.getString("customerId");
    if (known != null) {
      return Future.succeededFuture(known);
    }
    String from = call.getString("from");
    if (from == null || !from.startsWith("+")) {
      return Future.succeededFuture(null);
    }
    return store.customers().byNumber(from).map(found -> found.map(c -> c.getString("_id")).orElse(null));
  }

  /** A stored wrap-up as the API shows it: its date as an ISO string. */
  static JsonObject view(JsonObject wrapUp) {
    if (wrapUp == null) {
      return null;
    }
    JsonObject view = wrapUp.copy();
    view.put("at", CallView.date(wrapUp.getValue("at")));
    return view;
  }
}
