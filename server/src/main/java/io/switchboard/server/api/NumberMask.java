package io.switchboard.server.api;

import io.switchboard.signaling.AgentAccount;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Number masking in the history (issue 13, "Number masking"): a call whose record says {@code maskNumbers} (its
 * queue masked numbers, or an agent dialled it by reference) shows an agent the customer's number as its last
 * digits only, wherever it appears in the view (from/to, the raw SIP values, the timeline). Supervisors and admins
 * see it whole. Calling back stays possible without the number: {@code call.dial} with the call's id as
 * {@code ref} (docs/protocol.md).
 */
final class NumberMask {

  private NumberMask() {
  }

  /** Whether this caller of the API is shown masked numbers (an agent; not a supervisor or admin). */
  static boolean appliesTo(AgentAccount caller) {
    return !ApiAuth.seesAllCalls(caller);
  }

  /** The customer's numbers in a stored record: the caller of an inbound call, the callee of an outbound one. */
  static List<String> customerNumbers(JsonObject record) {
    boolean outbound = "outbound".equals(record.getString("direction"));
    List<String> numbers = new ArrayList<>();
    for (String field : outbound ? List.of("to", "toRaw") : List.of("from", "fromRaw")) {
      String n = record.getString(field);
      if (n != null && n.length() > 4 && !n.equals("anonymous")) {
        numbers.add(n);
      }
    }
    return numbers;
  }

  /** {@code view} with the record's customer numbers masked, when the record and the caller call for it. */
  static JsonObject call(AgentAccount caller, JsonObject record, JsonObject view) {
    if (!appliesTo(caller) || !record.getBoolean("maskNumbers", false)) {
      return view;
    }
    view.put("masked", true);
    return (JsonObject) replace(view, customerNumbers(record));
  }

  /** A stored record with its customer numbers masked if it says {@code maskNumbers} (for an agent's export). */
  static JsonObject record(JsonObject stored) {
    return stored.getBoolean("maskNumbers", false) ? (JsonObject) replace(stored, customerNumbers(stored)) : stored;
  }

  /** The last four digits, the rest as dots: {@code •••••••5678}. */
  static String masked(String number) {
    int keep = Math.min(4, number.length());
    return "•".repeat(number.length() - keep) + number.substring(number.length() - keep);
  }

  /** Every string in the JSON tree with each number replaced by its masked form. */
  static Object replace(Object value, List<String> numbers) {
    if (value instanceof String s) {
      for (String n : numbers) {
        s = s.replace(n, masked(n));
      }
      return s;
    }
    if (value instanceof JsonObject o) {
      JsonObject out = new JsonObject();
      o.forEach(e -> out.put(e.getKey(), replace(e.getValue(), numbers)));
      return out;
    }
    if (value instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(replace(v, numbers)));
      return out;
    }
    return value;
  }
}
