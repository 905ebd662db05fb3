package io.switchboard.routing.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebEntryPointsTest {

  @Test
  void aWebEntryPointNamesItsFlowAndTheOriginsAllowedToCall() {
    Flow f = FlowFactory.create(Flows.hotline());
    EntryPoints ep = FlowFactory.entryPoints(Map.of("web", Map.of("shop",
        Map.of("flow", "hotline", "origins", List.of("https://shop.example", "http://localhost:8081")))),
        Map.of("hotline", f));
    WebEntryPoint shop = ep.webEntry("shop").orElseThrow();
    assertThat(shop.flow()).isSameAs(f);
    assertThat(shop.allows("https://shop.example")).isTrue();
    assertThat(shop.allows("http://localhost:8081")).isTrue();
    assertThat(shop.allows("https://shop.example.evil")).isFalse();
    assertThat(shop.allows("http://shop.example")).isFalse();
    assertThat(shop.allows(null)).isFalse();
    assertThat(ep.webEntry("other")).isEmpty();
    assertThat(ep.webEntry(null)).isEmpty();
  }

  @Test
  void badWebEntryPointsAreRefusedWithEveryProblem() {
    Flow f = FlowFactory.create(Flows.hotline());
    assertThatThrownBy(() -> FlowFactory.entryPoints(Map.of("web", Map.of(
            "shop", Map.of("flow", "nope", "origins", List.of("https://shop.example/path")),
            "empty", Map.of("flow", "hotline", "origins", List.of()),
            "bad name!", Map.of("flow", "hotline", "origins", List.of("https://a.example")))),
        Map.of("hotline", f)))
        .hasMessageContaining("entry-points.web.shop.flow: unknown flow 'nope'")
        .hasMessageContaining("'https://shop.example/path' is not an origin")
        .hasMessageContaining("entry-points.web.empty.origins: list at least one")
        .hasMessageContaining("entry-points.web.bad name!: a name is");
  }
}
