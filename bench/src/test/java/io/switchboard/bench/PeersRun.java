package io.switchboard.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * CPU per forwarded packet, ours and rtpengine's, in one run and alternating (rtpengine, ours, rtpengine, ours):
 * rtpengine relays {@code calls} calls WebRTC ⇄ RTP ({@link RtpEngineRelay}); ours is a load step of as many calls
 * ({@link LoadRun}: SIP, agents, bridge and recording). Writes {@code peers-<time>.json} with the ratio.
 * Usage: {@code BENCH_MAIN=io.switchboard.bench.PeersRun bench/run [calls] [rounds] [seconds]}.
 */
public final class PeersRun {
  private PeersRun() {
  }

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    try {
      System.out.println(run(calls, rounds, seconds, Path.of("target")).encodePrettily());
      System.exit(0);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  static JsonObject run(int calls, int rounds, int seconds, Path reportDir) throws Exception {
    Path work = Files.createTempDirectory("switchboard-peers-");
    JsonArray runs = new JsonArray();
    double oursSum = 0;
    double theirsSum = 0;
    int pairs = 0;
    try {
      for (int i = 0; i < rounds; i++) {
        JsonObject theirs = RtpEngineRelay.run(calls, Duration.ofSeconds(5), Duration.ofSeconds(seconds - 10),
            work);
        System.out.println(theirs.encode());
        LoadOptions options = new LoadOptions(List.of(calls), Duration.ofSeconds(seconds), 50, Duration.ofSeconds(5),
            false, reportDir);
        LoadReport report = LoadRun.run(options);
        System.out.println(report.summary());
        JsonObject steady = report.json().getJsonObject("server").getJsonObject("steady", new JsonObject());
        JsonObject ours = new JsonObject()
            .put("server", "switchboard (whole server: SIP, agents, bridge, recording)")
            .put("calls", calls)
            .put("report", String.valueOf(report.file()))
            .put("windowSeconds", steady.getValue("windowSeconds"))
            .put("serverCpuMs", steady.getValue("processCpuMs") == null ? null
                : LoadReport.round(steady.getDouble("processCpuMs") - steady.getDouble("loadGeneratorThreadsCpuMs"), 1))
            .put("forwardedPackets", steady.getValue("forwardedPackets"))
            .put("cpuMicrosPerForwardedPacket", steady.getValue("serverCpuMicrosPerForwardedPacket"))
            .put("cpuMsPerCallSecond", steady.getValue("serverCpuMsPerCallSecondEstimate"))
            .put("lossPercentToCaller",
                report.json().getJsonObject("media").getJsonObject("agentToCaller").getValue("lossPercent"));
        runs.add(theirs).add(ours);
        if (theirs.getValue("cpuMicrosPerForwardedPacket") instanceof Number t
            && ours.getValue("cpuMicrosPerForwardedPacket") instanceof Number o) {
          theirsSum += t.doubleValue();
          oursSum += o.doubleValue();
          pairs++;
        }
      }
      JsonObject result = new JsonObject()
          .put("startedAt", LocalDateTime.now().toString())
          .put("calls", calls)
          .put("runs", runs)
          .put("oursMicrosPerPacketMean", pairs == 0 ? null : LoadReport.round(oursSum / pairs, 2))
          .put("rtpengineMicrosPerPacketMean", pairs == 0 ? null : LoadReport.round(theirsSum / pairs, 2))
          .put("ratioOursToRtpengine", pairs == 0 ? null : LoadReport.round(oursSum / theirsSum, 2));
      Files.createDirectories(reportDir);
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      Files.writeString(reportDir.resolve("peers-" + stamp + ".json"), result.encodePrettily());
      return result;
    } finally {
      LoadRun.deleteTree(work);
    }
  }
}
