package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Quality evaluation (docs/api.md, "Quality"). Two collections:
 *
 * <ul>
 *   <li>{@code quality_forms}: one immutable document per form version, {@code {_id: "<formId>@<version>", formId,
 *       version, name, sections, createdAt, by}}; a change is a new version, so an evaluation's version stays readable.
 *   <li>{@code quality_evaluations}: {@code {_id, callId, callArrivedAt, agent, queue, form: {id, version, name,
 *       sections}, answers, comment, score, rawScore, criticalFailed, zeroed, evaluator, createdAt, status, response}}.
 * </ul>
 */
public interface QualityRecords {

  /** The newest version of every form, by form id. */
  Future<List<JsonObject>> latestForms();

  /** The newest version of one form, or empty. */
  Future<Optional<JsonObject>> latestForm(String formId);

  Future<Optional<JsonObject>> form(String formId, int version);

  /** Saves a new form version; a {@link StoreConflict} when that version exists (someone saved it first). */
  Future<Void> insertForm(JsonObject version);

  Future<Void> insertEvaluation(JsonObject evaluation);

  Future<Optional<JsonObject>> evaluation(String id);

  /** Evaluations matching {@code query}, newest first. */
  Future<List<JsonObject>> evaluations(EvaluationQuery query);

  /**
   * Sets the evaluated agent's answer ({@code status} and {@code response}) if the evaluation still has status
   * {@code "new"}: an answer is given once. False when it had another status (or is gone).
   */
  Future<Boolean> respond(String id, String status, JsonObject response);

  /**
   * Average scores by agent (or total) and period of the evaluated calls' arrival, over evaluations that have a
   * score: figures {@code evaluations, averageScore, minScore, maxScore, criticalFailures, disputed}.
   */
  Future<List<ReportRow>> scores(ReportQuery query);
}
