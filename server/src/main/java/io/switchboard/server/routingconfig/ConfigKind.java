package io.switchboard.server.routingconfig;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A kind of document the server keeps next to routing's own kinds in {@link RoutingConfigStore} (the trunks): versioned,
 * rolled back and validated with the rest, so a change that would leave the two disagreeing is refused as a whole.
 */
public interface ConfigKind {

  /** The kind's name, as stored ({@code "trunk"}). */
  String name();

  /**
   * What is wrong with the configuration {@code state} ({@code {kind: [doc, ...]}}, every kind) as far as this kind
   * is concerned, each problem starting with its field path ({@code "trunk carrier: allowedSources[0]: ..."}, as routing words them).
   */
  List<String> problems(JsonObject state);

  /**
   * What is stored for a document the API received ({@code current}: the document in force, or null): e.g. secrets
   * sealed, and a secret left out kept as it was.
   */
  default JsonObject stored(JsonObject incoming, JsonObject current) {
    return incoming;
  }

  /** What the API shows of a stored document: e.g. without its secrets. */
  default JsonObject shown(JsonObject stored) {
    return stored;
  }
}
