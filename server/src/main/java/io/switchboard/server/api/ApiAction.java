package io.switchboard.server.api;

import io.switchboard.server.store.StoreConflict;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * What one JSON endpoint does for its caller: authenticate with one of the roles, run, answer 200 with the result
 * (or nothing, when the action answered itself, e.g. 201). A refusal thrown or failed is answered by
 * {@link ApiResponses#fail}; a unique-index refusal from the store is a 409.
 */
@FunctionalInterface
interface ApiAction {

  Future<JsonObject> run(AgentAccount caller);

  static void answer(RoutingContext ctx, ApiAuth auth, List<String> roles, ApiAction action) {
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
        .onFailure(e -> ApiResponses.fail(ctx, e instanceof StoreConflict c ? ApiProblem.conflict(c.getMessage())
            : e));
  }
}
