package io.switchboard.e2e.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.RunningServerTest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Incoming REFER end to end (RFC 3515): SIPp is a PBX on the demo trunk that calls the hotline's menu and then hands
 * its caller over to another number of the hotline, the Support line. The call moves on the same leg into that
 * line's queue, the Java WebRTC agent answers and hears the PBX's caller (1 kHz), and the history record shows the
 * hand-over. (A REFER to a number outside is one of the wall's attacks: {@link OutboundWallAttacksTest}.)
 */
class PbxHandsOverCallTest extends RunningServerTest {
  /** The demo's menu line and its direct Support line (Demo.HOTLINE_DID, Demo.DID). */
  private static final String MENU_LINE = "+4930555001";
  private static final String SUPPORT_LINE = "+4930555000";
  /** Not a known customer, so the hotline flow plays its menu (and answers the call). */
  private static final String CALLER = "+4930999888";

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true", "--calls.ring-timeout-seconds=20");
  }

  @Test
  void pbxRefersToAnInternalNumber_202AndNotifies_theCallReachesTheAgent_whoHearsTheCaller() throws Exception {
    Path tone = ToneFile.write(dataDir.resolve("caller-1khz.ulaw"), 1000, 30);
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (SippCaller pbx = SippCaller.call("pbx-refers-to-internal-number-expects-bye-from-the-agent.xml",
          server.sipPort(), MENU_LINE, CALLER, tone, 0, Map.of("@TARGET@", SUPPORT_LINE), dataDir)) {
        JsonObject offer = alice.await("call.offer", Duration.ofSeconds(30));
        String callId = offer.getString("callId");
        assertThat(offer.getJsonObject("queue").getString("id")).isEqualTo("support");
        alice.command(new JsonObject().put("type", "call.answer").put("callId", callId));
        alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(10)).get();
        alice.command(new JsonObject().put("type", "call.hangup").put("callId", callId));

        assertThat(pbx.awaitExit(Duration.ofSeconds(30))).as(pbx.report()).isZero();
        JsonObject record = awaitCallRecord(callId);
        assertThat(record.getString("to")).as("the number the PBX dialled").isEqualTo(MENU_LINE);
        assertThat(record.getJsonObject("routing").getString("flow")).isEqualTo("support-direct");
        assertThat(record.getString("outcome")).isEqualTo("answered");
        JsonObject referred = record.getJsonArray("timeline").stream().map(e -> (JsonObject) e)
            .filter(e -> "referred".equals(e.getString("event"))).findFirst().orElseThrow();
        assertThat(referred.getString("target")).isEqualTo(SUPPORT_LINE);
        assertThat(referred.getString("referredBy")).isEqualTo("<sip:reception@pbx.example>");
        List<String> events = record.getJsonArray("timeline").stream()
            .map(e -> ((JsonObject) e).getString("event")).toList();
        assertThat(events).containsSubsequence("referred", "queued", "answered", "ended");
      }
    }
  }
}
