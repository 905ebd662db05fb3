package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The {@code voicemails} collection: {@code {_id: "vm-…", callId, from (E.164), customerId|null, mailbox, lang,
 * status, recording: {file, durationMillis, bytes}, createdAt, updatedAt}}. {@code recording.file} is relative to the
 * recordings folder, like a call's recording. Call control writes them; the API lists them and changes the status.
 */
public interface Voicemails {

  /** While the caller still speaks; then {@code new} until someone listened ({@code heard}) or put it away. */
  List<String> STATUSES = List.of("recording", "new", "heard", "archived");

  /**
   * Creates or replaces the voicemail with this {@code _id}. Succeeds once it would survive a crash of this process
   * (as {@link Store#saveCall}).
   */
  Future<Void> save(JsonObject voicemail);

  Future<Optional<JsonObject>> byId(String id);

  /** Newest first ({@code _id} descending, then as the ids are minted in time order), at most {@code query.limit()}. */
  Future<List<JsonObject>> find(VoicemailQuery query);

  /**
   * Sets {@code status} (one of {@link #STATUSES}) and stamps {@code updatedAt}; the voicemail afterwards, or empty
   * when there is none. Durable as {@link #save}.
   */
  Future<Optional<JsonObject>> setStatus(String id, String status);
}
