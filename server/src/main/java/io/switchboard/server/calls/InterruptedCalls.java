package io.switchboard.server.calls;

import io.switchboard.media.recording.WavFile;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The start-up step after a crash: every history record a running server left "in_progress" (it writes one when a
 * call is queued and again when it is answered) belongs to a call that died with the process. It becomes
 * {@code outcome: "interrupted"}, ended at the last sign of life the call left (its recording's last write, else its
 * last timeline event). Runs after the recordings folder is repaired (so the WAV's length is right) and before any
 * call is accepted (so no live record can be taken for a dead one).
 */
public final class InterruptedCalls {
  static final String OUTCOME = "interrupted";
  private static final Logger LOG = Logger.getLogger(InterruptedCalls.class.getName());
  /** 8 kHz, 16-bit, stereo (CallRecorder): 32 bytes a millisecond. */
  private static final long WAV_BYTES_PER_MILLI = 8 * 2 * 2;

  private InterruptedCalls() {
  }

  /** Marks the records; completes with how many there were. */
  public static Future<Integer> close(Vertx vertx, Store store, Path recordingsFolder) {
    return close(vertx, store, recordingsFolder, null);
  }

  /**
   * As {@link #close(Vertx, Store, Path)} for one node of a cluster ({@code node} not null): only the records this
   * node left, and old ones that name no node; the other nodes' live calls are theirs (docs/scale.md).
   */
  public static Future<Integer> close(Vertx vertx, Store store, Path recordingsFolder, String node) {
    Instant restartedAt = Instant.now();
    return store.callsInProgress().map(all -> node == null ? all : all.stream()
        .filter(r -> r.getString("node") == null || node.equals(r.getString("node"))).toList()).compose(records -> {
      Future<Void> chain = Future.succeededFuture();
      for (JsonObject record : records) {
        chain = chain.compose(v -> vertx.executeBlocking(() -> interrupted(record, recordingsFolder, restartedAt),
            false)).compose(store::saveCall);
      }
      return chain.map(v -> {
        if (!records.isEmpty()) {
          LOG.warning(records.size() + " call(s) were interrupted by the last stop of the server; marked so: "
              + records.stream().map(r -> r.getString("_id")).toList());
        }
        return records.size();
      });
    });
  }

  /** The record of a call that died with the server. Blocking: reads the recording's size and time. */
  static JsonObject interrupted(JsonObject record, Path recordingsFolder, Instant restartedAt) throws IOException {
    JsonObject out = record.copy();
    Instant lastSeen = lastEvent(out.getJsonArray("timeline"), instant(out.getValue("arrivedAt")));
    JsonObject recording = out.getJsonObject("recording");
    if (recording != null && recording.getString("file") != null) {
      Path wav = recordingsFolder.resolve(recording.getString("file")).normalize();
      if (wav.startsWith(recordingsFolder.normalize()) && Files.isRegularFile(wav)) {
        long bytes = Files.size(wav);
        Instant written = Files.getLastModifiedTime(wav).toInstant();
        lastSeen = lastSeen == null || written.isAfter(lastSeen) ? written : lastSeen;
        out.put("recording", recording.copy().put("bytes", bytes)
            .put("durationMillis", Math.max(0, bytes - WavFile.HEADER_LENGTH) / WAV_BYTES_PER_MILLI)
            .put("interrupted", true));
      }
    }
    Instant endedAt = lastSeen == null ? restartedAt : lastSeen;
    Instant answeredAt = instant(out.getValue("answeredAt"));
    out.put("outcome", OUTCOME)
        .put("endedAt", date(endedAt))
        .put("interruptedAt", date(restartedAt))
        .put("talkSeconds", answeredAt == null || endedAt.isBefore(answeredAt) ? 0
            : Duration.between(answeredAt, endedAt).toSeconds());
    JsonArray timeline = out.getJsonArray("timeline") == null ? new JsonArray() : out.getJsonArray("timeline");
    out.put("timeline", timeline.add(new JsonObject().put("at", restartedAt.toString())
        .put("event", "interrupted_by_restart").put("lastSeen", endedAt.toString())));
    return out;
  }

  private static Instant lastEvent(JsonArray timeline, Instant otherwise) {
    Instant last = otherwise;
    if (timeline != null) {
      for (Object e : timeline) {
        if (e instanceof JsonObject event && event.getString("at") != null) {
          Instant at = Instant.parse(event.getString("at"));
          last = last == null || at.isAfter(last) ? at : last;
        }
      }
    }
    return last;
  }

  /** A date as the store gives it back: {@code {"$date": "…"}} (or a bare ISO-8601 string). */
  private static Instant instant(Object value) {
    if (value instanceof JsonObject date && date.getValue("$date") != null) {
      Object v = date.getValue("$date");
      return v instanceof Number millis ? Instant.ofEpochMilli(millis.longValue()) : Instant.parse(v.toString());
    }
    return value instanceof String s ? Instant.parse(s) : null;
  }

  private static JsonObject date(Instant instant) {
    return new JsonObject().put("$date", instant.toString());
  }
}
