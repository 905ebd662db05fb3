package io.switchboard.server.api;

import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The admin console's actions in the audit log (docs/api.md, "Audit"): who changed which configuration document or
 * account, when, from where, with the note the admin gave ({@code X-Change-Note}, URL-encoded UTF-8, at most 200
 * characters). An entry is written after the change succeeded (it names the new version); a failed write is logged
 * and does not undo the change, which is already live and versioned with its author.
 */
final class AdminAudit {

  private static final Logger LOG = Logger.getLogger(AdminAudit.class.getName());
  static final String NOTE_HEADER = "X-Change-Note";
  private static final int MAX_NOTE = 200;

  private final Function<JsonObject, Future<Void>> sink;

  AdminAudit(Function<JsonObject, Future<Void>> sink) {
    this.sink = sink;
  }

  /** An audit log that keeps nothing (tests and tools that do not care). */
  static AdminAudit none() {
    return new AdminAudit(e -> Future.succeededFuture());
  }

  /** {@code action} e.g. {@code config.put}; {@code kind}/{@code objectId} what it changed. */
  Future<Void> record(RoutingContext ctx, AgentAccount caller, String action, String kind, String objectId,
      Long version) {
    SocketAddress remote = ctx.request().remoteAddress();
    JsonObject entry = new JsonObject().put("action", action).put("kind", kind).put("objectId", objectId)
        .put("at", new JsonObject().put("$date", Instant.now().toString()))
        .put("by", new JsonObject().put("id", caller.id()).put("username", caller.username())
            .put("roles", new JsonArray(caller.roles())))
        .put("ip", remote == null ? null : remote.hostAddress());
    if (version != null) {
      entry.put("version", version);
    }
    String note = note(ctx);
    if (note != null) {
      entry.put("note", note);
    }
    return sink.apply(entry).recover(e -> {
      LOG.warning("Could not write the audit entry " + action + " " + kind + "/" + objectId + " by "
          + caller.username() + ": " + e);
      return Future.succeededFuture();
    });
  }

  private static String note(RoutingContext ctx) {
    String raw = ctx.request().getHeader(NOTE_HEADER);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String text;
    try {
      text = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      text = raw;
    }
    text = text.replaceAll("\\p{Cntrl}", " ").strip();
    return text.length() > MAX_NOTE ? text.substring(0, MAX_NOTE) : text;
  }
}
