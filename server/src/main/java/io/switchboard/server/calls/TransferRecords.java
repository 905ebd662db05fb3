package io.switchboard.server.calls;

import io.switchboard.media.recording.CallRecorder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * What a transfer leaves in the call's history (docs/routing.md, "Transfers"): an entry of {@code transfers} with
 * its timeline events, and one recording file per agent segment. Runs on the call center's context.
 */
final class TransferRecords {

  private final CallCenter center;

  TransferRecords(CallCenter center) {
    this.center = center;
  }

  /** A transfer asked for: its entry (the outcome is filled in by {@link #outcome}) and the timeline's event. */
  static JsonObject entry(Call call, String mode, String kind, Agent from, String to) {
    JsonObject e = new JsonObject().put("at", Instant.now().toString()).put("mode", mode).put("kind", kind)
        .put("from", from.id()).put("to", to).put("segment", call.segment);
    call.transfers.add(e);
    call.event("transfer", e.copy());
    return e;
  }

  static void outcome(Call call, JsonObject entry, String outcome) {
    entry.put("outcome", outcome).put("endedAt", Instant.now().toString());
    call.event("transfer_" + outcome, new JsonObject().put("kind", entry.getString("kind"))
        .put("to", entry.getString("to")));
  }

  /** Stops the current agent segment's recording; the next connect starts the next file. */
  void endSegment(Call call) {
    CallRecorder recorder = call.recorder;
    int segment = call.segment;
    String agentId = call.agent == null ? null : call.agent.id();
    call.segment++;
    if (recorder == null) {
      return;
    }
    call.recorder = null;
    Future<Void> stopped = Future.fromCompletionStage(center.recordings.stop(recorder), center.context)
        .transform(ar -> center.on(() -> {
          JsonObject s = new JsonObject().put("segment", segment).put("agent", agentId);
          if (ar.succeeded()) {
            s.put("file", center.records.relative(ar.result().file()))
                .put("durationMillis", ar.result().durationMillis());
          } else {
            s.put("error", String.valueOf(ar.cause().getMessage()));
          }
          call.segments.add(s);
          return Future.<Void>succeededFuture();
        }));
    // The call's later history writes wait for this file to be final, so the last record lists every segment.
    call.lastWrite = Future.all(call.lastWrite, stopped).mapEmpty();
  }
}
