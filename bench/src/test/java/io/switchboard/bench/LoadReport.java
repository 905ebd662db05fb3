package io.switchboard.bench;

import io.switchboard.media.testpeer.RtpReception;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one step, as JSON (written to {@code bench-<time>-<calls>.json}) and as a printed summary, with
 * the list of what went wrong: a step with no problems had every call placed, answered and its tone heard, and
 * lost less than {@link #SMOKE_LOSS_LIMIT_PERCENT} of its packets each way. Whether it was also clean (issue 17's
 * definition: loss under {@link #CLEAN_LOSS_PERCENT}, delay p99 within {@link #CLEAN_DELAY_P99_MS} ms, the generator
 * kept up, no receive-buffer drops) is {@link #clean()}.
 */
public final class LoadReport {
  static final double SMOKE_LOSS_LIMIT_PERCENT = 1.0;
  static final double CLEAN_LOSS_PERCENT = 0.01;
  /** Issue 17's clean step: the added one-way delay's 99th percentile at most this, each way. */
  static final double CLEAN_DELAY_P99_MS = 5.0;
  /**
   * A step the load generator did not keep up with (it sent fewer packets than its calls should have) measured a
   * lighter load than it names, so it is not clean whatever its loss: at least this share of the nominal 50 packets
   * a second per call and direction must have gone out.
   */
  static final double CLEAN_GENERATOR_SHARE = 0.99;

  private final LoadOptions options;
  private final int calls;
  private final JsonObject json;
  private final List<String> problems = new ArrayList<>();
  private Path file;

  LoadReport(LoadOptions options, StepRecord r) {
    this.options = options;
    this.calls = r.calls();
    JsonArray perAgent = new JsonArray();
    List<RtpReception.Summary> toAgent = new ArrayList<>();
    int answered = 0;
    int offered = 0;
    int toneHeard = 0;
    double callSeconds = 0;
    long agentsSent = 0;
    for (BenchAgent agent : r.agents()) {
      RtpReception.Summary m = agent.media().reception().summary();
      toAgent.add(m);
      answered += agent.answered();
      offered += agent.offers();
      toneHeard += agent.toneHeard();
      callSeconds += agent.connectedSeconds();
      agentsSent += agent.rtpSent();
      perAgent.add(new JsonObject()
          .put("agent", agent.username())
          .put("offers", agent.offers())
          .put("answered", agent.answered())
          .put("callerToneHeard", agent.toneHeard())
          .put("lowestToneLevel", round(agent.lowestToneLevel(), 3))
          .put("connectedSeconds", round(agent.connectedSeconds(), 2))
          .put("rtpReceived", m.received())
          .put("rtpLost", m.markedLost())
          .put("jitterMs", round(m.jitterMillis(), 3))
          .put("failure", agent.failure()));
    }
    JsonObject toAgentJson = direction(toAgent);
    JsonObject toCallerJson = direction(r.toCaller());
    ResourceSnapshot before = r.before();
    ResourceSnapshot after = r.after();
    double processCpuMs = (after.processCpuNanos() - before.processCpuNanos()) / 1e6;
    double loadCpuMs = (after.loadThreadsCpuNanos() - before.loadThreadsCpuNanos()) / 1e6;
    JsonObject server = new JsonObject()
        .put("windowSeconds", round(before.seconds(after), 2))
        .put("callSeconds", round(callSeconds, 1))
        .put("processCpuMs", round(processCpuMs, 1))
        .put("loadGeneratorThreadsCpuMs", round(loadCpuMs, 1))
        .put("processCpuMsPerCallSecond", round(processCpuMs / Math.max(callSeconds, 1e-9), 3))
        .put("serverCpuMsPerCallSecondEstimate", round((processCpuMs - loadCpuMs) / Math.max(callSeconds, 1e-9), 3))
        .put("heapAfterGcIdleBytes", r.idleHeap()[0])
        .put("gcPauses", r.gcPauses()[0])
        .put("gcPauseTotalMs", r.gcPauses()[1])
        .put("gcPauseLongestMs", r.gcPauses()[2]);
    if (r.loadedHeap() != null) {
      server.put("heapAfterGcLoadedBytes", r.loadedHeap()[0])
          .put("heapPerCallBytes", (r.loadedHeap()[0] - r.idleHeap()[0]) / calls)
          .put("rssIdleBytes", r.idleRssBytes())
          .put("rssLoadedBytes", r.loadedRssBytes())
          .put("rssPerCallBytes", r.idleRssBytes() < 0 || r.loadedRssBytes() < 0 ? null
              : (r.loadedRssBytes() - r.idleRssBytes()) / calls);
    }
    SteadyWindow steady = r.steady();
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
          .put("serverCpuMsPerCallSecondEstimate", round(steady.serverCpuMs() / steady.callSeconds(), 3))
          .put("forwardedPackets", steady.forwardedPackets())
          .put("serverCpuMicrosPerForwardedPacket",
              steady.forwardedPackets() == 0 ? null : round(1000 * steady.serverCpuMs() / steady.forwardedPackets(), 2))
          .put("sippCpuMs", round(steady.sippCpuMs(), 1))
          .put("machineBusyPercent", steady.machineTotalMs() <= 0 ? null
              : round(100 * steady.machineBusyMs() / steady.machineTotalMs(), 1))
          .put("otherProcessesCpuMs", steady.machineBusyMs() < 0 ? null
              : round(steady.machineBusyMs() - steady.processCpuMs() - Math.max(0, steady.sippCpuMs()), 1))
          .put("cpuMsByThreadGroup", byGroup)
          .put("busiestThreadsMs", new JsonObject(new LinkedHashMap<>(steady.busiestThreadsMs()))));
    }
    JsonObject setup = new JsonObject();
    if (r.firstAnswerNanos() > 0) {
      double placedToLast = (r.lastAnswerNanos() - r.placedAtNanos()) / 1e9;
      setup.put("firstAnswerAfterSeconds", round((r.firstAnswerNanos() - r.placedAtNanos()) / 1e9, 2))
          .put("lastAnswerAfterSeconds", round(placedToLast, 2))
          .put("answeredPerSecond", round(answered / Math.max(placedToLast, 1e-9), 1))
          .put("offeredRate", options.rate());
    }
    long udpBefore = before.udpRcvbufErrors();
    long udpAfter = after.udpRcvbufErrors();
    Long udpDelta = udpBefore < 0 || udpAfter < 0 ? null : udpAfter - udpBefore;
    json = new JsonObject()
        .put("startedAt", LocalDateTime.now().toString())
        .put("machine", new JsonObject()
            .put("cores", Runtime.getRuntime().availableProcessors())
            .put("java", System.getProperty("java.version"))
            .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
            .put("maxHeapBytes", Runtime.getRuntime().maxMemory()))
        .put("options", new JsonObject()
            .put("calls", calls)
            .put("talkSeconds", options.talk().toSeconds())
            .put("rate", options.rate())
            .put("warmupSeconds", options.warmup().toSeconds())
            .put("heapProbe", options.heapProbe())
            .put("recording", true))
        .put("calls", new JsonObject()
            .put("sippExit", r.sippExit())
            .put("placed", r.sipp().created())
            .put("successful", r.sipp().successful())
            .put("failed", r.sipp().failed())
            .put("offered", offered)
            .put("answered", answered)
            .put("callerToneHeard", toneHeard)
            .put("setup", setup))
        .put("media", new JsonObject()
            .put("callerToAgent", toAgentJson)
            .put("agentToCaller", toCallerJson)
            // Whether the load generator kept up: 50 packets a second each way for every call-second.
            .put("generator", new JsonObject()
                .put("nominalPacketsPerDirection", Math.round(callSeconds * 50))
                .put("sentByAgents", agentsSent)
                .put("sentByCarrier", r.carrierSent())))
        .put("server", server)
        .put("kernel", new JsonObject()
            .put("udpRcvbufErrorsBefore", udpBefore)
            .put("udpRcvbufErrorsAfter", udpAfter)
            .put("udpRcvbufErrorsDelta", udpDelta)
            .put("udpDropsBySocketOwner", new JsonObject(new LinkedHashMap<>(r.udpDropsByOwner()))))
        .put("agents", perAgent);
    if (r.sippExit() != 0) {
      problems.add("SIPp exited with " + r.sippExit() + ": " + r.sippReport());
    }
    if (answered < calls) {
      problems.add("answered " + answered + " of " + calls + " calls");
    }
    if (toneHeard < calls) {
      problems.add("caller's tone heard in " + toneHeard + " of " + calls + " calls");
    }
    for (JsonObject d : List.of(toAgentJson, toCallerJson)) {
      double loss = d.getDouble("lossPercent");
      if (d.getLong("expected") == 0 || loss >= SMOKE_LOSS_LIMIT_PERCENT) {
        problems.add("RTP loss " + loss + " % of " + d.getLong("expected") + " packets");
      }
    }
    json.put("problems", new JsonArray(problems));
    json.put("clean", clean());
  }

  /** Loss, jitter and one-way delay of one direction, over every receiver. */
  private static JsonObject direction(List<RtpReception.Summary> receivers) {
    long received = 0;
    long expected = 0;
    long marked = 0;
    long markedExpected = 0;
    double worstJitter = 0;
    double jitterSum = 0;
    int[][] parts = new int[receivers.size()][];
    int delays = 0;
    for (int i = 0; i < receivers.size(); i++) {
      RtpReception.Summary s = receivers.get(i);
      received += s.received();
      expected += s.expected();
      marked += s.markedReceived();
      markedExpected += s.markedExpected();
      worstJitter = Math.max(worstJitter, s.jitterMillis());
      jitterSum += s.jitterMillis();
      parts[i] = s.delaysMicros();
      delays += parts[i].length;
    }
    int[] all = new int[delays];
    int at = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    Arrays.sort(all);
    long lastHopLost = Math.max(0, expected - received);
    long lost = Math.max(0, markedExpected - marked);
    return new JsonObject()
        .put("received", received)
        .put("expected", markedExpected)
        .put("lost", lost)
        .put("lossPercent", round(percent(lost, markedExpected), 5))
        .put("lastHopExpected", expected)
        .put("lastHopLost", lastHopLost)
        .put("lastHopLossPercent", round(percent(lastHopLost, expected), 5))
        .put("jitterMsMean", round(receivers.isEmpty() ? 0 : jitterSum / receivers.size(), 3))
        .put("jitterMsWorst", round(worstJitter, 3))
        .put("delaySamples", all.length)
        .put("delayMsP50", all.length == 0 ? null : round(percentile(all, 0.50) / 1000.0, 3))
        .put("delayMsP99", all.length == 0 ? null : round(percentile(all, 0.99) / 1000.0, 3))
        .put("delayMsP999", all.length == 0 ? null : round(percentile(all, 0.999) / 1000.0, 3))
        .put("delayMsMax", all.length == 0 ? null : round(all[all.length - 1] / 1000.0, 3));
  }

  private static int percentile(int[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  JsonObject json() {
    return json;
  }

  int calls() {
    return calls;
  }

  /** What went wrong; empty when the step passed. */
  public List<String> problems() {
    return problems;
  }

  /**
   * Passed, with loss under {@link #CLEAN_LOSS_PERCENT} and delay p99 at most {@link #CLEAN_DELAY_P99_MS} both
   * ways, the load generator having sent its packets ({@link #CLEAN_GENERATOR_SHARE}), and no receive-buffer drop
   * on the server's or the load generator's sockets (other processes' drops are not this run's).
   */
  boolean clean() {
    JsonObject m = json.getJsonObject("media");
    JsonObject drops = json.getJsonObject("kernel").getJsonObject("udpDropsBySocketOwner");
    long ours = 0;
    for (String owner : List.of(UdpSocketDrops.SERVER_WEBRTC, UdpSocketDrops.SERVER_TRUNK_RTP,
        UdpSocketDrops.LOAD_GENERATOR)) {
      Object v = drops.getValue(owner);
      ours += v instanceof Number n ? n.longValue() : 0;
    }
    JsonObject generator = m.getJsonObject("generator");
    long nominal = generator.getLong("nominalPacketsPerDirection");
    boolean keptUp = generator.getLong("sentByAgents") >= CLEAN_GENERATOR_SHARE * nominal
        && generator.getLong("sentByCarrier") >= CLEAN_GENERATOR_SHARE * nominal;
    return problems.isEmpty() && ours == 0 && keptUp
        && cleanDirection(m.getJsonObject("callerToAgent")) && cleanDirection(m.getJsonObject("agentToCaller"));
  }

  private static boolean cleanDirection(JsonObject d) {
    Double p99 = d.getDouble("delayMsP99");
    return d.getDouble("lossPercent") < CLEAN_LOSS_PERCENT && p99 != null && p99 <= CLEAN_DELAY_P99_MS;
  }

  Path file() {
    return file;
  }

  void write() throws IOException {
    Files.createDirectories(options.reportDir());
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    file = options.reportDir().resolve("bench-" + stamp + "-" + calls + ".json");
    Files.writeString(file, json.encodePrettily());
  }

  public String summary() {
    JsonObject c = json.getJsonObject("calls");
    JsonObject s = json.getJsonObject("server");
    JsonObject k = json.getJsonObject("kernel");
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Switchboard load step: %d calls x %d s at %d calls/s, %d cores, recorded%n",
        calls, options.talk().toSeconds(), options.rate(), json.getJsonObject("machine").getInteger("cores")));
    b.append(String.format(Locale.ROOT, "  calls     SIPp exit %d, %d successful / %d failed; answered %d, "
            + "caller tone heard %d; setup %s%n",
        c.getInteger("sippExit"), c.getLong("successful"), c.getLong("failed"), c.getInteger("answered"),
        c.getInteger("callerToneHeard"), c.getJsonObject("setup").encode()));
    for (String d : List.of("callerToAgent", "agentToCaller")) {
      JsonObject m = json.getJsonObject("media").getJsonObject(d);
      b.append(String.format(Locale.ROOT, "  %-13s %d RTP received, %d lost (%.5f %%), jitter mean %.2f / worst "
              + "%.2f ms, one-way delay p50 %s / p99 %s / max %s ms%n",
          d, m.getLong("received"), m.getLong("lost"), m.getDouble("lossPercent"), m.getDouble("jitterMsMean"),
          m.getDouble("jitterMsWorst"), m.getValue("delayMsP50"), m.getValue("delayMsP99"),
          m.getValue("delayMsMax")));
    }
    b.append(String.format(Locale.ROOT, "  cpu       %.0f ms over %.1f call-seconds: %.3f ms per call-second for the "
            + "process, %.3f for the server (process minus load-generator threads)%n",
        s.getDouble("processCpuMs"), s.getDouble("callSeconds"), s.getDouble("processCpuMsPerCallSecond"),
        s.getDouble("serverCpuMsPerCallSecondEstimate")));
    JsonObject st = s.getJsonObject("steady");
    if (st != null) {
      b.append(String.format(Locale.ROOT, "  steady    %.1f s with every call up: %.3f ms per call-second for the "
              + "process, %.3f for the server, %s µs per forwarded packet; SIPp %.0f ms; machine busy %s %%%n",
          st.getDouble("windowSeconds"), st.getDouble("processCpuMsPerCallSecond"),
          st.getDouble("serverCpuMsPerCallSecondEstimate"), st.getValue("serverCpuMicrosPerForwardedPacket"),
          st.getDouble("sippCpuMs"), st.getValue("machineBusyPercent")));
      b.append("  threads   ").append(st.getJsonObject("cpuMsByThreadGroup").encode()).append(" (ms)\n");
      b.append("  busiest   ").append(st.getJsonObject("busiestThreadsMs").encode()).append(" (ms)\n");
    }
    b.append(String.format(Locale.ROOT, "  memory    heap after GC %.1f MB idle%s; GC %d pauses, %d ms, longest %d ms%n",
        s.getLong("heapAfterGcIdleBytes") / 1e6,
        s.containsKey("heapAfterGcLoadedBytes") ? String.format(Locale.ROOT,
            ", %.1f MB loaded (%.1f kB heap, %s kB RSS per call)", s.getLong("heapAfterGcLoadedBytes") / 1e6,
            s.getLong("heapPerCallBytes") / 1e3,
            s.getValue("rssPerCallBytes") == null ? "n/a" : String.valueOf(s.getLong("rssPerCallBytes") / 1000))
            : "",
        s.getLong("gcPauses"), s.getLong("gcPauseTotalMs"), s.getLong("gcPauseLongestMs")));
    b.append(String.format(Locale.ROOT, "  kernel    UdpRcvbufErrors %s; receive-buffer drops by socket %s%n",
        k.getValue("udpRcvbufErrorsDelta") == null ? "n/a (no nstat)" : "+" + k.getLong("udpRcvbufErrorsDelta"),
        k.getJsonObject("udpDropsBySocketOwner").encode()));
    b.append(problems.isEmpty() ? "  PASSED" + (clean() ? ", clean" : ", not clean (loss or drops)")
        : "  PROBLEMS: " + String.join("; ", problems)).append('\n');
    if (file != null) {
      b.append("  report    ").append(file.toAbsolutePath()).append('\n');
    }
    return b.toString();
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
