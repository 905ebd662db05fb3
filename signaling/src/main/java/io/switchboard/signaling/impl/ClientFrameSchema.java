package io.switchboard.signaling.impl;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The client → server table of docs/protocol.md as data, and the strict check of a frame against it: known type,
 * every required field present, every field of its type and within its limits, and no field the table does not list.
 * {@code null} is not a value of any type: a field is either absent or valid.
 */
final class ClientFrameSchema {

  static final String AUTH = "auth";
  static final String MEDIA_OFFER = "media.offer";
  static final String STATE_SET = "state.set";
  static final String CALL_ANSWER = "call.answer";
  static final String CALL_REJECT = "call.reject";
  static final String CALL_HANGUP = "call.hangup";
  static final String CALL_HOLD = "call.hold";
  static final String CALL_MUTE = "call.mute";
  static final String CALL_DTMF = "call.dtmf";
  static final String CALL_DIAL = "call.dial";
  static final String PING = "ping";
  static final String MONITOR_START = "monitor.start";
  static final String MONITOR_MODE = "monitor.mode";
  static final String MONITOR_STOP = "monitor.stop";
  static final String TRANSFER_BLIND = "transfer.blind";
  static final String TRANSFER_CONSULT = "transfer.consult";
  static final String TRANSFER_COMPLETE = "transfer.complete";
  static final String TRANSFER_CANCEL = "transfer.cancel";
  static final String TRANSFER_TARGETS = "transfer.targets";

  static final int MAX_ID_CHARS = 64;

  private enum Kind { STRING, BOOLEAN }

  /**
   * One field of one frame type. Strings are checked by {@code pattern} (described for the error message), else by
   * {@code allowed} values, else by length 1..{@code maxChars}.
   */
  private record Field(String name, Kind kind, boolean required, int maxChars, Pattern pattern, String patternText,
                       Set<String> allowed) {

    static Field string(String name, int maxChars) {
      return new Field(name, Kind.STRING, true, maxChars, null, null, null);
    }

    static Field pattern(String name, String regex, String description) {
      return new Field(name, Kind.STRING, true, 0, Pattern.compile(regex), description, null);
    }

    static Field oneOf(String name, String... values) {
      return new Field(name, Kind.STRING, true, 0, null, null, Set.of(values));
    }

    static Field bool(String name) {
      return new Field(name, Kind.BOOLEAN, true, 0, null, null, null);
    }

    Field optional() {
      return new Field(name, kind, false, maxChars, pattern, patternText, allowed);
    }
  }

  // Call ids are minted by the server; the pattern keeps them printable and log-safe.
  private static final Field CALL_ID = Field.pattern("callId", "[A-Za-z0-9._:-]{1,64}", "1–64 of A-Z a-z 0-9 . _ : -");

  private static final Field TRANSFER_AGENT =
      Field.pattern("agent", "[A-Za-z0-9._:-]{1,64}", "1–64 of A-Z a-z 0-9 . _ : -").optional();
  private static final Field TRANSFER_QUEUE =
      Field.pattern("queue", "[A-Za-z0-9._:-]{1,64}", "1–64 of A-Z a-z 0-9 . _ : -");
  private static final Field TRANSFER_NUMBER =
      Field.pattern("number", "\\+?[0-9]{2,20}", "2–20 digits with an optional +").optional();

  private static final Field MONITOR_MODE_FIELD = Field.oneOf("mode", "listen", "whisper", "barge");

  private static final Map<String, List<Field>> TYPES = Map.ofEntries(
      Map.entry(AUTH, List.of(Field.string("token", 4096))),
      Map.entry(MEDIA_OFFER, List.of(Field.string("sdp", Integer.MAX_VALUE))),
      Map.entry(STATE_SET, List.of(Field.oneOf("state", "ready", "not_ready"),
          Field.string("reason", 64).optional())),
      Map.entry(CALL_ANSWER, List.of(CALL_ID)),
      Map.entry(CALL_REJECT, List.of(CALL_ID)),
      Map.entry(CALL_HANGUP, List.of(CALL_ID)),
      Map.entry(CALL_HOLD, List.of(CALL_ID, Field.bool("on"))),
      Map.entry(CALL_MUTE, List.of(CALL_ID, Field.bool("on"))),
      // RFC 4733 §3.2 events 0–15: the digits, * and #, and A–D.
      Map.entry(CALL_DTMF, List.of(CALL_ID, Field.pattern("digits", "[0-9*#A-D]{1,32}", "1–32 of 0-9 * # A-D"))),
      // Digits only (no URI, no letters): what reaches the INVITE is checked again by the outbound wall.
      Map.entry(CALL_DIAL, List.of(Field.pattern("number", "\\+?[0-9]{2,20}", "2–20 digits with an optional +")
          .optional(), Field.pattern("ref", "[A-Za-z0-9._:-]{1,64}", "1–64 of A-Z a-z 0-9 . _ : -").optional())),
      Map.entry(PING, List.of()),
      Map.entry(MONITOR_START, List.of(CALL_ID, MONITOR_MODE_FIELD)),
      Map.entry(MONITOR_MODE, List.of(CALL_ID, MONITOR_MODE_FIELD)),
      Map.entry(MONITOR_STOP, List.of(CALL_ID)),
      // Exactly one target (checked below); a number is digits only and passes the outbound wall again.
      Map.entry(TRANSFER_BLIND, List.of(CALL_ID, TRANSFER_AGENT, TRANSFER_QUEUE.optional(), TRANSFER_NUMBER)),
      Map.entry(TRANSFER_CONSULT, List.of(CALL_ID, TRANSFER_AGENT, TRANSFER_NUMBER)),
      Map.entry(TRANSFER_COMPLETE, List.of(CALL_ID)),
      Map.entry(TRANSFER_CANCEL, List.of(CALL_ID)),
      Map.entry(TRANSFER_TARGETS, List.of()));

  private ClientFrameSchema() {
  }

  /** The frame's {@code id} if it has a valid one (for echoing in errors even when the rest is wrong), else null. */
  static String validId(JsonObject json) {
    return json.getValue("id") instanceof String id && !id.isEmpty() && id.length() <= MAX_ID_CHARS ? id : null;
  }

  static ClientFrame validate(JsonObject json) {
    String id = validId(json);
    if (json.containsKey("id") && id == null) {
      throw invalid("id", "id must be a string of 1 to " + MAX_ID_CHARS + " characters", null);
    }
    Object type = json.getValue("type");
    if (!(type instanceof String typeName)) {
      throw invalid("type", type == null ? "type is required" : "type must be a string", id);
    }
    List<Field> fields = TYPES.get(typeName);
    if (fields == null) {
      throw new FrameRejected("unknown_type", null, "unknown type " + LoginEndpoint.quoted(typeName), id);
    }
    for (String name : json.fieldNames()) {
      if (!name.equals("type") && !name.equals("id") && fields.stream().noneMatch(f -> f.name.equals(name))) {
        throw invalid(name, "unexpected field " + LoginEndpoint.quoted(name) + " in " + typeName, id);
      }
    }
    for (Field field : fields) {
      check(field, json, id);
    }
    if (typeName.equals(CALL_DIAL) && json.containsKey("number") == json.containsKey("ref")) {
      throw invalid("number", "call.dial needs exactly one of number and ref", id);
    }
    if (typeName.equals(TRANSFER_BLIND) || typeName.equals(TRANSFER_CONSULT)) {
      long targets = java.util.stream.Stream.of("agent", "queue", "number").filter(json::containsKey).count();
      if (targets != 1) {
        throw invalid("agent", typeName + " needs exactly one of agent, "
            + (typeName.equals(TRANSFER_BLIND) ? "queue, " : "") + "number", id);
      }
    }
    if (typeName.equals(STATE_SET)) {
      boolean notReady = json.getString("state").equals("not_ready");
      if (notReady && !json.containsKey("reason")) {
        throw invalid("reason", "reason is required for not_ready", id);
      }
      if (!notReady && json.containsKey("reason")) {
        throw invalid("reason", "reason is only allowed with not_ready", id);
      }
    }
    return new ClientFrame(typeName, id, json);
  }

  private static void check(Field field, JsonObject json, String id) {
    if (!json.containsKey(field.name)) {
      if (field.required) {
        throw invalid(field.name, field.name + " is required", id);
      }
      return;
    }
    Object value = json.getValue(field.name);
    switch (field.kind) {
      case BOOLEAN -> {
        if (!(value instanceof Boolean)) {
          throw invalid(field.name, field.name + " must be true or false", id);
        }
      }
      case STRING -> {
        if (!(value instanceof String s)) {
          throw invalid(field.name, field.name + " must be a string", id);
        }
        if (field.pattern != null) {
          if (!field.pattern.matcher(s).matches()) {
            throw invalid(field.name, field.name + " must be " + field.patternText, id);
          }
        } else if (field.allowed != null) {
          if (!field.allowed.contains(s)) {
            throw invalid(field.name, field.name + " must be one of " + String.join(", ", field.allowed.stream()
                .sorted().toList()), id);
          }
        } else if (s.isEmpty() || s.length() > field.maxChars) {
          throw invalid(field.name, field.maxChars == Integer.MAX_VALUE ? field.name + " must not be empty"
              : field.name + " must be 1 to " + field.maxChars + " characters", id);
        }
      }
      default -> throw new IllegalStateException(field.kind.name());
    }
  }

  private static FrameRejected invalid(String field, String message, String id) {
    return new FrameRejected("invalid_field", field, message, id);
  }
}
