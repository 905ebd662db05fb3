package io.switchboard.server.api;

import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * {@code GET /api/calls/{id}/recording}: the call's WAV, whole or a byte range (RFC 9110 §14), for an {@code <audio>}
 * element that seeks or a download. Who may hear it is decided before this (CallsApi); here:
 *
 * <ul>
 *   <li>The file is only ever the one the call's stored record names, resolved under the recordings folder and
 *       normalised; whatever leaves that folder (an absolute name, {@code ..}, a symbolic link) is "no recording".
 *   <li>Every request that sends audio is first written to the {@code audit} collection (who, when, which call, from
 *       which address, which bytes); when the audit cannot be written, nothing is sent.
 * </ul>
 */
final class RecordingResource {

  static final String LISTEN = "recording.listen";
  static final String VOICEMAIL_LISTEN = "voicemail.listen";
  private static final Logger LOG = Logger.getLogger(RecordingResource.class.getName());

  private final Vertx vertx;
  private final Store store;
  private final Path root;

  RecordingResource(Vertx vertx, Store store, Path recordingsDir) {
    this.vertx = vertx;
    this.store = store;
    this.root = recordingsDir.toAbsolutePath().normalize();
  }

  Future<Void> stream(RoutingContext ctx, AgentAccount caller, JsonObject call) {
    String callId = call.getString("_id");
    return stream(ctx, caller, "call " + callId, call.getJsonObject("recording"),
        new JsonObject().put("action", LISTEN).put("callId", callId), callId);
  }

  /** A voicemail's audio, under the same rules: in the recordings folder only, audited before a byte is sent. */
  Future<Void> streamVoicemail(RoutingContext ctx, AgentAccount caller, JsonObject voicemail) {
    String id = voicemail.getString("_id");
    return stream(ctx, caller, "voicemail " + id, voicemail.getJsonObject("recording"),
        new JsonObject().put("action", VOICEMAIL_LISTEN).put("callId", voicemail.getString("callId"))
            .put("voicemailId", id), id);
  }

  /**
   * @param what       for messages: "call c-…", "voicemail vm-…"
   * @param recording  the stored {@code {file, …}}, or null
   * @param auditRefs  what the audit entry is about: action, callId (and voicemailId)
   * @param fileName   the download's name, without ".wav"
   */
  private Future<Void> stream(RoutingContext ctx, AgentAccount caller, String what, JsonObject recording,
      JsonObject auditRefs, String fileName) {
    boolean download = download(ctx);
    Path file = fileOf(what, recording);
    return vertx.fileSystem().lprops(file.toString())
        .recover(e -> Future.failedFuture(ApiProblem.notFound("the recording of " + what + " is missing")))
        .compose(props -> {
          if (!props.isRegularFile()) {
            LOG.warning("recording of " + what + " is not a regular file: " + file);
            throw ApiProblem.notFound("the recording of " + what + " is missing");
          }
          return send(ctx, caller, auditRefs, fileName, file, props, download);
        });
  }

  private Future<Void> send(RoutingContext ctx, AgentAccount caller, JsonObject auditRefs, String fileName, Path file,
      FileProps props, boolean download) {
    long size = props.size();
    ByteRange range = ByteRange.parse(ctx.request().getHeader("Range"), size);
    HttpServerResponse response = ctx.response();
    if (range == ByteRange.UNSATISFIABLE) {
      response.setStatusCode(416).putHeader("Content-Range", "bytes */" + size).end();
      return Future.succeededFuture();
    }
    return store.saveAudit(auditEntry(ctx, caller, auditRefs, range, size)).compose(audited -> {
      if (response.closed()) {
        return Future.succeededFuture();
      }
      response.putHeader("Content-Type", "audio/wav")
          .putHeader("Accept-Ranges", "bytes")
          .putHeader("Cache-Control", "private, no-store")
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Content-Disposition", (download ? "attachment" : "inline") + "; filename=\"" + fileName
              + ".wav\"");
      if (range == null) {
        response.setStatusCode(200);
        return response.sendFile(file.toString(), 0, size);
      }
      response.setStatusCode(206).putHeader("Content-Range",
          "bytes " + range.first() + "-" + range.last() + "/" + size);
      return response.sendFile(file.toString(), range.first(), range.length());
    });
  }

  /** The stored name, under the recordings folder; anything that would leave it is refused as missing. */
  private Path fileOf(String what, JsonObject recording) {
    Object name = recording == null ? null : recording.getValue("file");
    if (!(name instanceof String relative) || relative.isEmpty()) {
      throw ApiProblem.notFound(what + " has no recording");
    }
    Path resolved;
    try {
      Path stored = Path.of(relative);
      resolved = stored.isAbsolute() ? null : root.resolve(stored).normalize();
    } catch (InvalidPathException e) {
      resolved = null;
    }
    if (resolved == null || !resolved.startsWith(root) || resolved.equals(root)) {
      LOG.warning(what + " names a recording outside " + root + ": " + CallFilter.quoted(relative));
      throw ApiProblem.notFound(what + " has no recording");
    }
    return resolved;
  }

  private static boolean download(RoutingContext ctx) {
    for (String name : ctx.queryParams().names()) {
      if (!name.equals("download")) {
        throw ApiProblem.badRequest("unknown parameter " + CallFilter.quoted(name));
      }
    }
    String value = CallFilter.single(ctx.queryParams(), "download");
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw ApiProblem.badRequest("download must be true or false");
  }

  private static JsonObject auditEntry(RoutingContext ctx, AgentAccount caller, JsonObject refs, ByteRange range,
      long size) {
    SocketAddress remote = ctx.request().remoteAddress();
    return refs.copy()
        .put("at", new JsonObject().put("$date", Instant.now().toString()))
        .put("by", new JsonObject().put("id", caller.id()).put("username", caller.username())
            .put("roles", new JsonArray(caller.roles())))
        // The TCP peer: behind a reverse proxy, enable Vert.x's forwarded-header support to get the client's.
        .put("ip", remote == null ? null : remote.hostAddress())
        .put("bytes", range == null ? "0-" + (size - 1) + "/" + size
            : range.first() + "-" + range.last() + "/" + size);
  }

  /** An audit entry as the API shows it. */
  static JsonObject auditView(JsonObject entry) {
    JsonObject view = new JsonObject()
        .put("at", CallView.date(entry.getValue("at")))
        .put("action", entry.getValue("action"))
        .put("callId", entry.getValue("callId"));
    if (entry.containsKey("voicemailId")) {
      view.put("voicemailId", entry.getValue("voicemailId"));
    }
    // The agents board's forced changes (agentId, reason) and listen / whisper / barge entries
    // (calls.Supervision: the agent monitored and the mode).
    // The admin console's changes (AdminAudit): the document or account, its new version, the admin's note.
    for (String field : new String[] {"agentId", "reason", "target", "details", "kind", "objectId", "version",
        "note"}) {
      if (entry.containsKey(field)) {
        view.put(field, entry.getValue(field));
      }
    }
    return view.put("by", entry.getValue("by"))
        .put("ip", entry.getValue("ip"))
        .put("bytes", entry.getValue("bytes"));
  }
}
