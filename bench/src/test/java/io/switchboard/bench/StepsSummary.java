package io.switchboard.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The steps of one run side by side: one row of the headline figures per step, the highest clean step (loss under
 * 0.01 % both ways, no receive-buffer drops on our sockets), written to {@code steps-<time>.json} with the chart
 * {@code steps-<time>.png} ({@link StepsChart}).
 */
final class StepsSummary {
  private StepsSummary() {
  }

  static Path write(Path dir, List<LoadReport> reports) throws IOException {
    return writeRows(dir, reports.stream().map(LoadReport::json).toList());
  }

  /**
   * Summary and chart from step reports already written ({@code bench-*.json} in {@code dir}), e.g. of a run
   * that stopped early. Usage: {@code BENCH_MAIN=io.switchboard.bench.StepsSummary bench/run DIR}.
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target");
    List<JsonObject> steps = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().matches("bench-.*-\\d+\\.json")).toList()) {
        steps.add(new JsonObject(Files.readString(f)));
      }
    }
    steps.sort(java.util.Comparator.comparingInt(j -> j.getJsonObject("options").getInteger("calls")));
    System.out.println(writeRows(dir, steps));
  }

  private static Path writeRows(Path dir, List<JsonObject> reports) throws IOException {
    JsonArray rows = new JsonArray();
    Integer highestClean = null;
    for (JsonObject r : reports) {
      rows.add(row(r));
      if (r.getBoolean("clean", false)) {
        highestClean = r.getJsonObject("options").getInteger("calls");
      }
    }
    JsonObject summary = new JsonObject()
        .put("highestCleanStep", highestClean)
        .put("cleanMeans", "every call answered and its tone heard, RTP loss < " + LoadReport.CLEAN_LOSS_PERCENT
            + " % and delay p99 <= " + LoadReport.CLEAN_DELAY_P99_MS + " ms each way, the load generator sent at least "
            + Math.round(100 * LoadReport.CLEAN_GENERATOR_SHARE) + " % of its packets, no receive-buffer drops on the"
            + " server's or the load generator's sockets")
        .put("steps", rows);
    Files.createDirectories(dir);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path json = dir.resolve("steps-" + stamp + ".json");
    Files.writeString(json, summary.encodePrettily());
    StepsChart.draw(rows, dir.resolve("steps-" + stamp + ".png"));
    return json;
  }

  /** The headline figures of one step (null where the step could not measure them). */
  static JsonObject row(JsonObject j) {
    JsonObject s = j.getJsonObject("server");
    JsonObject st = s.getJsonObject("steady", new JsonObject());
    JsonObject toAgent = j.getJsonObject("media").getJsonObject("callerToAgent");
    JsonObject toCaller = j.getJsonObject("media").getJsonObject("agentToCaller");
    return new JsonObject()
        .put("calls", j.getJsonObject("options").getInteger("calls"))
        .put("clean", j.getBoolean("clean", false))
        .put("problems", j.getJsonArray("problems").size())
        .put("answered", j.getJsonObject("calls").getInteger("answered"))
        .put("serverCpuMsPerCallSecond", st.getValue("serverCpuMsPerCallSecondEstimate"))
        .put("processCpuMsPerCallSecond", st.getValue("processCpuMsPerCallSecond"))
        .put("serverCpuMicrosPerPacket", st.getValue("serverCpuMicrosPerForwardedPacket"))
        .put("machineBusyPercent", st.getValue("machineBusyPercent"))
        .put("lossPercentToAgent", toAgent.getValue("lossPercent"))
        .put("lossPercentToCaller", toCaller.getValue("lossPercent"))
        .put("delayMsP50ToAgent", toAgent.getValue("delayMsP50"))
        .put("delayMsP99ToAgent", toAgent.getValue("delayMsP99"))
        .put("delayMsP50ToCaller", toCaller.getValue("delayMsP50"))
        .put("delayMsP99ToCaller", toCaller.getValue("delayMsP99"))
        .put("jitterMsWorst", Math.max(toAgent.getDouble("jitterMsWorst"), toCaller.getDouble("jitterMsWorst")))
        .put("heapPerCallBytes", s.getValue("heapPerCallBytes"))
        .put("rssPerCallBytes", s.getValue("rssPerCallBytes"))
        .put("gcPauseLongestMs", s.getValue("gcPauseLongestMs"))
        .put("answeredPerSecond", j.getJsonObject("calls").getJsonObject("setup").getValue("answeredPerSecond"))
        .put("udpRcvbufErrorsDelta", j.getJsonObject("kernel").getValue("udpRcvbufErrorsDelta"))
        .put("udpDropsBySocketOwner", j.getJsonObject("kernel").getJsonObject("udpDropsBySocketOwner"));
  }
}
