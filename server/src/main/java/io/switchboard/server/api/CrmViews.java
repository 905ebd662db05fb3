package io.switchboard.server.api;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Customers, incidents and a customer's calls as the API shows them: {@code id} for {@code _id}, ISO dates. */
final class CrmViews {

  private static final List<String> CALL_FIELDS = List.of("from", "to", "queue", "outcome", "hungUpBy",
      "talkSeconds");

  private CrmViews() {
  }

  static JsonObject customer(JsonObject stored) {
    return withIdAndDates(stored);
  }

  static JsonObject incident(JsonObject stored) {
    return withIdAndDates(stored);
  }

  /**
   * A call in a customer's history: when, who answered, how it ended, the agent's wrap-up and the caller's CSAT.
   * Not the timeline; the recording only as a link, behind {@code /api/calls/{id}/recording} and its role rules.
   */
  static JsonObject historyCall(JsonObject stored) {
    JsonObject view = new JsonObject().put("id", stored.getString("_id"));
    for (String date : CallView.DATES) {
      if (!date.equals("queuedAt") && !date.equals("offeredAt")) {
        view.put(date, CallView.date(stored.getValue(date)));
      }
    }
    CALL_FIELDS.forEach(f -> view.put(f, stored.getValue(f)));
    JsonObject agent = stored.getJsonObject("agent");
    view.put("agent", agent == null ? null : new JsonObject().put("id", agent.getString("id"))
        .put("name", agent.getString("name")));
    view.put("wrapUp", WrapUpApi.view(stored.getJsonObject("wrapUp")));
    view.put("csat", CallView.csat(stored.getJsonObject("csat")));
    // The link only: whether the asker may hear it is the recording endpoint's to decide.
    view.put("recordingUrl", stored.getJsonObject("recording") == null ? null
        : CallsApi.CALLS + "/" + stored.getString("_id") + "/recording");
    return view;
  }

  private static JsonObject withIdAndDates(JsonObject stored) {
    JsonObject view = new JsonObject().put("id", stored.getValue("_id"));
    stored.forEach(e -> {
      if (!e.getKey().equals("_id")) {
        view.put(e.getKey(), e.getValue());
      }
    });
    for (String date : List.of("createdAt", "updatedAt")) {
      view.put(date, CallView.date(view.getValue(date)));
    }
    return view;
  }
}
