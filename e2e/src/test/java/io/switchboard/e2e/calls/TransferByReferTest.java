package io.switchboard.e2e.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.RunningServerTest;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.config.Config;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Outgoing REFER (RFC 3515): the caller's trunk says {@code transfer: refer}, so a blind transfer of its caller to a
 * number is handed to the carrier — SIPp, as the caller's carrier, receives our REFER with the admitted number in
 * Refer-To, accepts it and NOTIFYs "200 OK"; our side then ends with a BYE — instead of being bridged through an
 * outbound leg.
 */
class TransferByReferTest extends RunningServerTest {
  private static final String DID = "+4930555000";
  private static final String CALLER = "+4930123456";
  private static final String NUMBER = "+4915112345678";

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true");
  }

  /**
   * Marks the demo's trunk {@code transfer: refer} with outbound rules (the wall admits the number on it), then
   * restarts without the demo seed, which would write the trunk back as it was.
   */
  private void referTrunk() throws Exception {
    // Trunks are configuration documents (ADR 0010): the change is a new version of the demo's trunk.
    JsonObject entry = await(server.routingConfig().entry("trunk", "demo-carrier"));
    JsonObject trunk = entry.getJsonObject("doc").copy()
        .put("transfer", "refer")
        .put("outbound", new JsonObject().put("proxy", "127.0.0.1:9").put("domain", "carrier.example")
            .put("username", "outuser").put("password", "outpass").put("region", "DE").put("callerId", OutboundTrunk.HOTLINE)
            .put("allowedAgents", new JsonArray().add("alice")).put("maxConcurrent", 2).put("maxPerDay", 10));
    await(server.routingConfig().put("trunk", "demo-carrier", trunk, entry.getLong("version"), "test"));
    await(server.stop());
    server = await(SwitchboardServer.start(vertx, Config.load(Map.of(), List.of("--http.port=0",
        "--media.webrtc.port=0", "--sip.bind-host=127.0.0.1", "--sip.port=0", "--demo.shop-port=0",
        "--media.rtp.bind-host=127.0.0.1", "--data.dir=" + dataDir.toAbsolutePath()))));
  }

  @Test
  void blindTransferOfATrunkCaller_isReferredToTheirCarrier_andOurSideEndsOnTheNotify() throws Exception {
    referTrunk();
    Path tone = ToneFile.write(dataDir.resolve("caller-1khz.ulaw"), 1000, 60);
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (SippCaller carrier = SippCaller.call("carrier-accepts-refer-after-talking.xml", server.sipPort(), DID,
          CALLER, tone, 0, Map.of("@NUMBER@", NUMBER), dataDir)) {
        String callId = alice.await("call.offer", Duration.ofSeconds(15)).getString("callId");
        alice.command(new JsonObject().put("type", "call.answer").put("callId", callId));
        alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(10)).get();

        alice.command(new JsonObject().put("type", "transfer.blind").put("callId", callId)
            .put("number", "015112345678"));
        assertThat(alice.await("call.ended", Duration.ofSeconds(5)).getString("by")).isEqualTo("transfer");

        assertThat(carrier.awaitExit(Duration.ofSeconds(30))).as("REFER, 202, NOTIFY 200, our BYE; "
            + carrier.report()).isZero();
        JsonObject record = awaitCallRecord(callId);
        JsonObject transfer = record.getJsonArray("transfers").getJsonObject(0);
        assertThat(transfer.getString("via")).isEqualTo("refer");
        assertThat(transfer.getString("trunk")).isEqualTo("demo-carrier");
        assertThat(transfer.getString("outcome")).isEqualTo("completed");
        assertThat(record.getString("hungUpBy")).isEqualTo("transfer");
      }
    }
  }
}
