package io.switchboard.e2e.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.RunningServerTest;
import io.switchboard.media.testpeer.Await;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.config.Config;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A graceful stop ends the calls in progress and writes their history before the store closes. */
class GracefulStopTest extends RunningServerTest {

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true");
  }

  @Test
  void stoppingWithACallerInTheQueue_releasesTheCallerAndKeepsTheRecord() throws Exception {
    try (SippCaller caller = SippCaller.call("caller-abandons-while-queued.xml", server.sipPort(), "+4930555000",
        "+4930123456", ToneFile.write(dataDir.resolve("tone.ulaw"), 1000, 5), 30_000, dataDir)) {
      Await.until(() -> {
        try {
          return await(server.activeCalls()) == 1;
        } catch (Exception e) {
          return false;
        }
      }, Duration.ofSeconds(15), "the call to wait in the queue");

      await(server.stop());

      // The caller was released rather than left waiting (SIPp logs the final response its scenario did not expect).
      Await.until(() -> caller.report().contains("503 Service Unavailable"), Duration.ofSeconds(10),
          "the caller to get 503");
      SwitchboardServer again = await(SwitchboardServer.start(vertx, Config.load(Map.of(), List.of(
          "--http.port=0", "--media.webrtc.port=0", "--sip.bind-host=127.0.0.1", "--sip.port=0",
          "--data.dir=" + dataDir.toAbsolutePath()))));
      try {
        List<JsonObject> records = await(again.store().recentCalls(10));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getString("outcome")).isEqualTo("missed");
        assertThat(records.get(0).getString("hungUpBy")).isEqualTo("system");
      } finally {
        await(again.stop());
      }
    }
  }
}
