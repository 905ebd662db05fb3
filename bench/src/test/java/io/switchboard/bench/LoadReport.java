package io.switchboard.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one load run, as JSON (written to {@code bench-<time>.json}) and as a printed summary, with the
 * list of what went wrong: a run with no problems had every call placed, answered and its tone heard, and lost
 * less than {@link #SMOKE_LOSS_LIMIT_PERCENT} of its packets.
 */
public final class LoadReport {
  static final double SMOKE_LOSS_LIMIT_PERCENT = 1.0;

  private final LoadOptions options;
  private final JsonObject json;
  private final List<String> problems = new ArrayList<>();
  private Path file;

  LoadReport(LoadOptions options, ResourceSnapshot before, ResourceSnapshot after, long[] idleHeap,
      long[] loadedHeap, int sippExit, SippCounts sipp, String sippReport, List<SyntheticAgent> agents,
      Map<String, AgentMediaStats> media, long tapDrops, Map<String, Long> udpDropsByOwner, SteadyWindow steady) {
    this.options = options;
    JsonArray perAgent = new JsonArray();
    long received = 0;
    long expected = 0;
    long lost = 0;
    double worstJitter = 0;
    double jitterSum = 0;
    int answered = 0;
    int offered = 0;
    int toneHeard = 0;
    double callSeconds = 0;
    double slowestAnswer = 0;
    for (SyntheticAgent agent : agents) {
      AgentMediaStats m = media.getOrDefault(agent.ufrag(), new AgentMediaStats(0, 0, List.of()));
      received += m.rtpFromServer();
      expected += m.expected();
      lost += m.lost();
      worstJitter = Math.max(worstJitter, m.jitterMillis());
      jitterSum += m.jitterMillis();
      answered += agent.answered();
      offered += agent.offers();
      toneHeard += agent.toneHeard();
      callSeconds += agent.connectedSeconds();
      slowestAnswer = Math.max(slowestAnswer, agent.slowestAnswerMillis());
      perAgent.add(new JsonObject()
          .put("agent", agent.username())
          .put("offers", agent.offers())
          .put("answered", agent.answered())
          .put("callerToneHeard", agent.toneHeard())
          .put("lowestToneLevel", round(agent.lowestToneLevel(), 3))
          .put("connectedSeconds", round(agent.connectedSeconds(), 2))
          .put("rtpReceived", m.rtpFromServer())
          .put("rtpSent", m.rtpToServer())
          .put("rtpExpected", m.expected())
          .put("rtpLost", m.lost())
          .put("lossPercent", round(percent(m.lost(), m.expected()), 4))
          .put("jitterMs", round(m.jitterMillis(), 3))
          .put("streams", m.streams().size())
          .put("failure", agent.failure()));
    }
    double processCpuMs = (after.processCpuNanos() - before.processCpuNanos()) / 1e6;
    double loadCpuMs = (after.loadThreadsCpuNanos() - before.loadThreadsCpuNanos()) / 1e6;
    long probeGcMillis = loadedHeap == null ? 0 : loadedHeap[1];
    JsonObject server = new JsonObject()
        .put("windowSeconds", round(before.seconds(after), 2))
        .put("callSeconds", round(callSeconds, 1))
        .put("processCpuMs", round(processCpuMs, 1))
        .put("loadGeneratorThreadsCpuMs", round(loadCpuMs, 1))
        .put("processCpuMsPerCallSecond", round(processCpuMs / Math.max(callSeconds, 1e-9), 3))
        .put("serverCpuMsPerCallSecondEstimate", round((processCpuMs - loadCpuMs) / Math.max(callSeconds, 1e-9), 3))
        .put("heapAfterGcIdleBytes", idleHeap[0])
        .put("gcCount", after.gcCount() - before.gcCount() - (loadedHeap == null ? 0 : 1))
        .put("gcTimeMs", after.gcMillis() - before.gcMillis() - probeGcMillis);
    if (loadedHeap != null) {
      server.put("heapAfterGcLoadedBytes", loadedHeap[0])
          .put("heapPerCallBytes", (loadedHeap[0] - idleHeap[0]) / options.calls());
    }
    if (steady != null) {
      JsonObject byGroup = new JsonObject();
      steady.cpuMsByThreadGroup().entrySet().stream()
          .filter(e -> e.getValue() >= 1)
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .forEach(e -> byGroup.put(e.getKey(), round(e.getValue(), 1)));
      server.put("steady", new JsonObject()
          .put("windowSeconds", round(steady.seconds(), 2))
          .put("callSeconds", round(steady.callSeconds(), 1))
          .put("processCpuMs", round(steady.processCpuMs(), 1))
          .put("loadGeneratorThreadsCpuMs", round(steady.loadGeneratorCpuMs(), 1))
          .put("processCpuMsPerCallSecond", round(steady.processCpuMs() / steady.callSeconds(), 3))
          .put("serverCpuMsPerCallSecondEstimate",
              round((steady.processCpuMs() - steady.loadGeneratorCpuMs()) / steady.callSeconds(), 3))
          .put("cpuMsByThreadGroup", byGroup));
    }
    long udpBefore = before.udpRcvbufErrors();
    long udpAfter = after.udpRcvbufErrors();
    double lossPercent = percent(lost, expected);
    json = new JsonObject()
        .put("startedAt", LocalDateTime.now().toString())
        .put("machine", new JsonObject()
            .put("cores", Runtime.getRuntime().availableProcessors())
            .put("java", System.getProperty("java.version"))
            .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
            .put("maxHeapBytes", Runtime.getRuntime().maxMemory()))
        .put("options", new JsonObject()
            .put("calls", options.calls())
            .put("talkSeconds", options.talk().toSeconds())
            .put("rate", options.rate())
            .put("warmupSeconds", options.warmup().toSeconds())
            .put("heapProbe", options.heapProbe()))
        .put("calls", new JsonObject()
            .put("sippExit", sippExit)
            .put("placed", sipp.created())
            .put("successful", sipp.successful())
            .put("failed", sipp.failed())
            .put("offered", offered)
            .put("answered", answered)
            .put("callerToneHeard", toneHeard)
            .put("slowestAnswerAckMs", round(slowestAnswer, 1)))
        .put("media", new JsonObject()
            .put("rtpReceivedByAgents", received)
            .put("rtpExpected", expected)
            .put("rtpLost", lost)
            .put("lossPercent", round(lossPercent, 4))
            .put("jitterMsWorst", round(worstJitter, 3))
            .put("jitterMsMean", round(agents.isEmpty() ? 0 : jitterSum / agents.size(), 3))
            .put("tapDrops", tapDrops))
        .put("server", server)
        .put("kernel", new JsonObject()
            .put("udpRcvbufErrorsBefore", udpBefore)
            .put("udpRcvbufErrorsAfter", udpAfter)
            .put("udpRcvbufErrorsDelta", udpBefore < 0 || udpAfter < 0 ? null : udpAfter - udpBefore)
            .put("udpDropsBySocketOwner", new JsonObject(new java.util.LinkedHashMap<>(udpDropsByOwner))))
        .put("agents", perAgent);
    if (sippExit != 0) {
      problems.add("SIPp exited with " + sippExit + ": " + sippReport);
    }
    if (answered < options.calls()) {
      problems.add("answered " + answered + " of " + options.calls() + " calls");
    }
    if (toneHeard < options.calls()) {
      problems.add("caller's tone heard in " + toneHeard + " of " + options.calls() + " calls");
    }
    if (expected == 0 || lossPercent >= SMOKE_LOSS_LIMIT_PERCENT) {
      problems.add("RTP loss " + round(lossPercent, 3) + " % of " + expected + " packets");
    }
    json.put("problems", new JsonArray(problems));
  }

  JsonObject json() {
    return json;
  }

  /** What went wrong; empty when the run passed. */
  public List<String> problems() {
    return problems;
  }

  Path file() {
    return file;
  }

  void write() throws IOException {
    Files.createDirectories(options.reportDir());
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    file = options.reportDir().resolve("bench-" + stamp + ".json");
    Files.writeString(file, json.encodePrettily());
  }

  public String summary() {
    JsonObject c = json.getJsonObject("calls");
    JsonObject m = json.getJsonObject("media");
    JsonObject s = json.getJsonObject("server");
    JsonObject k = json.getJsonObject("kernel");
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Switchboard load run: %d calls x %d s at %d calls/s, %d cores%n",
        options.calls(), options.talk().toSeconds(), options.rate(),
        json.getJsonObject("machine").getInteger("cores")));
    b.append(String.format(Locale.ROOT, "  calls     SIPp exit %d, %d successful / %d failed; answered %d, "
            + "caller tone heard %d; slowest answer ack %.1f ms%n",
        c.getInteger("sippExit"), c.getLong("successful"), c.getLong("failed"), c.getInteger("answered"),
        c.getInteger("callerToneHeard"), c.getDouble("slowestAnswerAckMs")));
    b.append(String.format(Locale.ROOT, "  media     %d RTP packets to agents, %d lost (%.4f %%), jitter mean %.2f ms, "
            + "worst %.2f ms, tap drops %d%n",
        m.getLong("rtpReceivedByAgents"), m.getLong("rtpLost"), m.getDouble("lossPercent"),
        m.getDouble("jitterMsMean"), m.getDouble("jitterMsWorst"), m.getLong("tapDrops")));
    b.append(String.format(Locale.ROOT, "  cpu       %.0f ms over %.1f call-seconds: %.3f ms per call-second for the "
            + "process, %.3f for the server (process minus load-generator threads)%n",
        s.getDouble("processCpuMs"), s.getDouble("callSeconds"), s.getDouble("processCpuMsPerCallSecond"),
        s.getDouble("serverCpuMsPerCallSecondEstimate")));
    JsonObject st = s.getJsonObject("steady");
    if (st != null) {
      b.append(String.format(Locale.ROOT, "  steady    %.1f s with every call up (from %d s after the last answer): "
              + "%.3f ms per call-second for the process, %.3f for the server%n",
          st.getDouble("windowSeconds"), options.warmup().toSeconds(), st.getDouble("processCpuMsPerCallSecond"),
          st.getDouble("serverCpuMsPerCallSecondEstimate")));
      b.append("  threads   ").append(st.getJsonObject("cpuMsByThreadGroup").encode()).append(" (ms)\n");
    }
    b.append(String.format(Locale.ROOT, "  memory    heap after GC %.1f MB idle%s; GC %d collections, %d ms%n",
        s.getLong("heapAfterGcIdleBytes") / 1e6,
        s.containsKey("heapAfterGcLoadedBytes") ? String.format(Locale.ROOT, ", %.1f MB loaded (%.1f kB per call)",
            s.getLong("heapAfterGcLoadedBytes") / 1e6, s.getLong("heapPerCallBytes") / 1e3) : "",
        s.getLong("gcCount"), s.getLong("gcTimeMs")));
    b.append(String.format(Locale.ROOT, "  kernel    UdpRcvbufErrors %s; receive-buffer drops by socket %s%n",
        k.getValue("udpRcvbufErrorsDelta") == null ? "n/a (no nstat)" : "+" + k.getLong("udpRcvbufErrorsDelta"),
        k.getJsonObject("udpDropsBySocketOwner").encode()));
    b.append(problems.isEmpty() ? "  PASSED" : "  PROBLEMS: " + String.join("; ", problems)).append('\n');
    if (file != null) {
      b.append("  report    ").append(file.toAbsolutePath()).append('\n');
    }
    return b.toString();
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
