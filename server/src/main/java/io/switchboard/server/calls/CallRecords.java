package io.switchboard.server.calls;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The calls' history records (CDR) in the store: the "in_progress" snapshots while a call is up, the final record
 * once its recording is final, one call's writes in order, and every write a graceful stop must wait for (history
 * records, voicemails, callback requests, supervision records).
 */
final class CallRecords {
  private static final Logger LOG = Logger.getLogger(CallRecords.class.getName());

  private final CallCenter center;
  /** History records being written; a graceful stop waits for them before the store closes. */
  private final Set<Future<Void>> pendingWrites = new HashSet<>();
  /** The cluster node writing the records, or null on a single node (no {@code node} field). */
  private volatile String node;

  CallRecords(CallCenter center) {
    this.center = center;
  }

  /**
   * Writes the record of a call that is up (outcome "in_progress"): when it arrives, when it is answered, when the
   * survey is answered, so a crash leaves a record for the next start to mark "interrupted".
   */
  void saveProgress(Call call) {
    JsonObject recording = call.recorder == null ? null
        : new JsonObject().put("file", relative(call.recorder.file()));
    write(call, Future.succeededFuture(call.record(recording)));
  }

  /** Writes the final record once the recording is final (or failed). */
  Future<Void> saveRecord(Call call) {
    Future<JsonObject> recording = call.recorder == null ? Future.succeededFuture(null)
        : Future.fromCompletionStage(center.recordings.stop(call.recorder), center.context).map(r -> new JsonObject()
            .put("file", relative(r.file()))
            .put("durationMillis", r.durationMillis()).put("bytes", r.bytes())
            .put("droppedFrames", r.droppedFrames()));
    write(call, recording.recover(e -> {
      LOG.log(Level.WARNING, "recording of call " + call.id + " failed", e);
      return Future.succeededFuture(new JsonObject().put("error", String.valueOf(e.getMessage())));
    }).map(call::record));
    return call.lastWrite;
  }

  /**
   * Upserts the record (by call id, so never twice) after the call's previous write has finished, so an older
   * snapshot never lands after a newer one. A failed write is logged and does not stop the next.
   */
  void write(Call call, Future<JsonObject> record) {
    if (!call.leg.recordedHere()) {
      return;
    }
    // The queue's masking, as it was during the call: the history API masks the caller's number for agents.
    boolean masked = center.routing.masksNumbers(call.queueId);
    String writer = node;
    Future<Void> write = call.lastWrite.compose(v -> record.map(r -> r.put("maskNumbers", masked)))
        .map(r -> writer == null ? r : r.put("node", writer)).compose(center.store::saveCall)
        .onFailure(e -> LOG.log(Level.SEVERE, "history record of call " + call.id + " not saved", e))
        .recover(e -> Future.succeededFuture());
    call.lastWrite = write;
    track(write);
  }

  void node(String node) {
    this.node = node;
  }

  /** A write a graceful stop must wait for. */
  void track(Future<?> write) {
    Future<Void> w = write.<Void>mapEmpty().recover(e -> Future.succeededFuture());
    pendingWrites.add(w);
    w.onComplete(v -> center.on(() -> {
      pendingWrites.remove(w);
      return Future.succeededFuture();
    }));
  }

  /** A recording's file as stored in a record: relative to the recordings folder, with forward slashes. */
  String relative(Path file) {
    return center.recordings.folder().toAbsolutePath().relativize(file.toAbsolutePath()).toString()
        .replace('\\', '/');
  }

  /** Completes once every tracked write has finished, or after 10 s with the rest logged as not yet written. */
  Future<Void> allWritten() {
    return Future.all(new ArrayList<>(pendingWrites)).timeout(10, TimeUnit.SECONDS)
        .recover(e -> {
          LOG.severe("stopping with " + pendingWrites.size() + " history record(s) not yet written: " + e);
          return Future.succeededFuture();
        }).mapEmpty();
  }
}
