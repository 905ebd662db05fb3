package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.config.RoutingConfiguration;
import io.switchboard.routing.flow.CallInfo;
import io.switchboard.routing.flow.Flow;
import io.switchboard.routing.flow.step.JoinQueue;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The demo's routing configuration is valid, applied at start, and an admin's change survives a restart. */
@ExtendWith(VertxExtension.class)
class DemoRoutingConfigTest {

  @Test
  void demo_seedsAValidConfiguration_andKeepsAdminChangesOnRestart(Vertx vertx, @TempDir Path dir) throws Exception {
    SwitchboardServer server = TestServers.withFakeMedia(vertx, dir, "--demo.enabled=true")
        .await(30, TimeUnit.SECONDS);
    try {
      RoutingConfiguration c = server.routingConfig().current();
      assertThat(server.routingConfig().startProblems()).isEmpty();
      assertThat(c.queueNames()).containsEntry("support", "Support").containsEntry("sales", "Sales");
      assertThat(c.agent("a-alice").orElseThrow().skills()).containsEntry("english", 5).containsEntry("russian", 4);
      assertThat(c.agent("a-bob").orElseThrow().skills()).containsEntry("ukrainian", 5);
      assertThat(c.supervisorOf("a-bob")).contains("a-sam");
      assertThat(c.notReadyReasons()).contains("break", "lunch", "after_call_work");
      Flow direct = c.entryPoints().forCall(call(Demo.DID)).orElseThrow();
      assertThat(direct.step(direct.entry())).isInstanceOfSatisfying(JoinQueue.class,
          q -> assertThat(q.queueId()).isEqualTo("support"));
      Flow hotline = c.entryPoints().forCall(call(Demo.HOTLINE_DID)).orElseThrow();
      assertThat(hotline.id()).isEqualTo("hotline");
      assertThat(hotline.survey()).isPresent();
      assertThat(hotline.steps()).containsKeys("hours", "block", "vip", "who", "personal", "main", "call-me");
      assertThat(await(server.store().trunks()).get(0).getJsonArray("dids").getList())
          .contains(Demo.DID, Demo.HOTLINE_DID, "4930555001");

      // An admin renames a queue; the next start keeps the name (seeding only writes what was never stored).
      await(server.routingConfig().put("queue", "sales", new JsonObject().put("name", "Sales EU"), null, "a-sam"));
    } finally {
      await(server.stop());
    }
    SwitchboardServer again = TestServers.withFakeMedia(vertx, dir, "--demo.enabled=true")
        .await(30, TimeUnit.SECONDS);
    try {
      assertThat(again.routingConfig().current().queueNames()).containsEntry("sales", "Sales EU");
      assertThat(again.routingConfig().startProblems()).isEmpty();
    } finally {
      await(again.stop());
    }
  }

  private static CallInfo call(String dialled) {
    return new CallInfo("c1", "+4930111111", dialled, CallInfo.Channel.TRUNK);
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }
}
