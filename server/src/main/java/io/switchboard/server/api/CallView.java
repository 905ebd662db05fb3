package io.switchboard.server.api;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A stored history record as the API shows it: {@code id} for {@code _id}, dates as ISO-8601 strings, and the
 * recording as a link (its file name stays on the server).
 */
final class CallView {

  private static final List<String> SUMMARY = List.of("trunk", "from", "to", "queue", "agent", "offers", "outcome",
      "hungUpBy", "talkSeconds");
  private static final List<String> DETAIL = List.of("sipCallId", "fromRaw", "toRaw", "timeline", "routing",
      "transfers");
  static final List<String> DATES = List.of("arrivedAt", "queuedAt", "offeredAt", "answeredAt", "endedAt");

  private CallView() {
  }

  /** What a list shows of a call: everything but the raw SIP values and the timeline. */
  static JsonObject summary(JsonObject record) {
    String id = record.getString("_id");
    JsonObject view = new JsonObject().put("id", id);
    for (String field : SUMMARY) {
      view.put(field, record.getValue(field));
    }
    for (String field : DATES) {
      view.put(field, date(record.getValue(field)));
    }
    view.put("csat", csat(record.getJsonObject("csat")));
    view.put("wrapUp", WrapUpApi.view(record.getJsonObject("wrapUp")));
    JsonObject recording = record.getJsonObject("recording");
    view.put("recording", recording == null ? null : new JsonObject()
        .put("durationMillis", recording.getValue("durationMillis"))
        .put("bytes", recording.getValue("bytes"))
        .put("url", "/api/calls/" + id + "/recording"));
    return view;
  }

  /** Everything about one call. */
  static JsonObject detail(JsonObject record) {
    JsonObject view = summary(record);
    for (String field : DETAIL) {
      view.put(field, record.getValue(field));
    }
    // Earlier agent segments of a transferred call (docs/routing.md, "Transfers"): who and how long, no file name.
    io.vertx.core.json.JsonArray segments = record.getJsonArray("segments");
    view.put("segments", segments == null ? null : new io.vertx.core.json.JsonArray(segments.stream()
        .map(s -> (JsonObject) s).map(s -> new JsonObject().put("segment", s.getValue("segment"))
            .put("agent", s.getValue("agent")).put("durationMillis", s.getValue("durationMillis")))
        .toList()));
    return view;
  }

  /** The caller's keypad answer after the call, {@code {score, at, agentId}}, with its date as a string. */
  static JsonObject csat(JsonObject stored) {
    if (stored == null) {
      return null;
    }
    return stored.copy().put("at", date(stored.getValue("at")));
  }

  /** {@code {"$date": "…"}} (how MongoDB's extended JSON carries a date) as its ISO-8601 string. */
  static String date(Object stored) {
    if (stored instanceof JsonObject date && date.getValue("$date") instanceof String iso) {
      return iso;
    }
    return stored instanceof String s ? s : null;
  }
}
