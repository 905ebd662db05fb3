package io.switchboard.signaling.impl;

import io.vertx.core.json.JsonObject;

/** A client frame that passed {@link ClientFrameSchema}: its fields have the types the schema promises. */
record ClientFrame(String type, String id, JsonObject json) {

  String string(String field) {
    return json.getString(field);
  }

  boolean bool(String field) {
    return json.getBoolean(field);
  }
}
