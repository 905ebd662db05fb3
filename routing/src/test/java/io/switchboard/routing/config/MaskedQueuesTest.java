package io.switchboard.routing.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A queue document's {@code maskNumbers} says its agents see callers' numbers masked (docs/security.md). */
class MaskedQueuesTest {

  @Test
  void maskNumbers_isReadPerQueue_offByDefault() {
    ConfigDocuments d = ConfigDocuments.valid();
    d.get("queue", "support").put("maskNumbers", true);
    RoutingConfiguration c = d.build();

    assertThat(c.masksNumbers("support")).isTrue();
    assertThat(c.masksNumbers("sales")).isFalse();
    assertThat(c.masksNumbers(null)).isFalse();
    assertThat(RoutingConfiguration.empty().masksNumbers("support")).isFalse();
  }
}
