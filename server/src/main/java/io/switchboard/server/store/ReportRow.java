package io.switchboard.server.store;

import io.vertx.core.json.JsonObject;

/**
 * One row of a report: the value of its dimension ({@code group}, null for the total or for calls without one), its
 * period ({@code period}, null for the whole range) and its figures as the aggregation computed them (see
 * {@link CallReportPipeline} for each name).
 */
public record ReportRow(String group, String period, JsonObject figures) {
}
