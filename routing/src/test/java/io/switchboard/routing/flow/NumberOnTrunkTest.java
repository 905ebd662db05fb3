package io.switchboard.routing.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** An entry point number may name the trunk it arrives on (the server's business); routing reads only its flow. */
class NumberOnTrunkTest {

  @Test
  void aNumberWithItsTrunk_runsItsFlow() {
    Flow f = FlowFactory.create(Flows.hotline());
    EntryPoints ep = FlowFactory.entryPoints(Map.of("numbers", Map.of(
        "+4930555001", Map.of("flow", "hotline", "trunk", "carrier"), "+4930555002", "hotline")), Map.of("hotline", f));

    assertThat(ep.byNumber()).containsOnlyKeys("+4930555001", "+4930555002");
    assertThat(ep.byNumber().get("+4930555001")).isSameAs(f);
  }

  @Test
  void aNumberWithTrunkButUnknownFlow_isRefusedWithItsPath() {
    Flow f = FlowFactory.create(Flows.hotline());
    assertThatThrownBy(() -> FlowFactory.entryPoints(Map.of("numbers", Map.of(
        "+4930555001", Map.of("flow", "hotlin", "trunk", "carrier"))), Map.of("hotline", f)))
        .isInstanceOf(FlowRejection.class).hasMessageContaining("entry-points.numbers.+4930555001: unknown flow");
  }
}
