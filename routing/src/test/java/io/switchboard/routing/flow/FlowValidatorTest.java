package io.switchboard.routing.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowValidatorTest {

  @Test
  void theReferenceHotlineFlowIsValid() {
    Flow f = FlowFactory.create(Flows.hotline());
    assertThat(f.steps()).hasSize(10);
    assertThat(f.survey()).isPresent();
  }

  @Test
  void menuOptionLeadingToAHangupOnlyBranch_isRefusedNamingThePath() {
    var flow = Flows.hotline();
    var main = new LinkedHashMap<>((Map<String, Object>) Flows.steps(flow).get("main"));
    main.put("options", Map.of("1", "sales", "2", "support", "3", "bye"));
    Flows.steps(flow).put("main", main);
    Flows.steps(flow).put("bye", Map.of("type", "play", "prompt", "thanks", "next", "end"));
    Flows.steps(flow).put("end", Map.of("type", "hangup"));
    Flows.steps(flow).remove("call-me");

    FlowRejection e = catchThrowableOfType(FlowRejection.class, () -> FlowFactory.create(flow));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
        .contains("hours [open] -> block [not listed] -> vip [next] -> who [new] -> main [option 3] -> bye [next]"
            + " -> end")
        .contains("cannot reach a human"));
  }

  @Test
  void moreThanSevenOptions_isRefused() {
    var flow = Flows.hotline();
    var main = new LinkedHashMap<>((Map<String, Object>) Flows.steps(flow).get("main"));
    Map<String, Object> options = new LinkedHashMap<>();
    for (int d = 1; d <= 8; d++) {
      options.put(String.valueOf(d), "support");
    }
    main.put("options", options);
    Flows.steps(flow).put("main", main);
    assertThatThrownBy(() -> FlowFactory.create(flow))
        .hasMessageContaining("steps.main.options: 8 options, at most 7");
  }

  @Test
  void menusWhoseTimeoutsPointAtEachOther_areRefused_aSilentCallerWouldLoopForever() {
    var flow = Flows.hotline();
    Flows.steps(flow).put("main", Map.of("type", "menu", "prompt", "main-menu",
        "options", Map.of("1", "sales", "2", "more"), "default", "more"));
    Flows.steps(flow).put("more", Map.of("type", "menu", "prompt", "more-menu",
        "options", Map.of("1", "support", "2", "call-me"), "default", "main"));
    assertThatThrownBy(() -> FlowFactory.create(flow))
        .hasMessageContaining("main -> more [timeout/invalid] -> main loops forever for a caller who presses nothing");
  }

  @Test
  void unknownTargets_badTypes_badNumbers_areAllReportedAtOnce() {
    var flow = Flows.hotline();
    Flows.steps(flow).put("sales", Map.of("type", "queue"));
    Flows.steps(flow).put("block", Map.of("type", "block-list", "numbers", java.util.List.of("0990000666"),
        "next", "vip"));
    FlowRejection e = catchThrowableOfType(FlowRejection.class, () -> FlowFactory.create(flow));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("steps.sales.queue: expected a non-empty string"))
        .anySatisfy(p -> assertThat(p).contains("'0990000666' is not an E.164 number"));
  }

  @Test
  void danglingBranchAndUnreachableStep_areRefused() {
    var flow = Flows.hotline();
    Flows.steps(flow).put("sales", Map.of("type", "play", "prompt", "x", "next", "nowhere"));
    assertThatThrownBy(() -> FlowFactory.create(flow)).hasMessageContaining("steps.sales [next]: unknown step 'nowhere'");

    var flow2 = Flows.hotline();
    Flows.steps(flow2).put("orphan", Map.of("type", "voicemail", "mailbox", "x"));
    assertThatThrownBy(() -> FlowFactory.create(flow2)).hasMessageContaining("steps.orphan: unreachable");
  }

  @Test
  void entryPoints_perDialledNumberAndForTheWidget() {
    Flow f = FlowFactory.create(Flows.hotline());
    EntryPoints ep = FlowFactory.entryPoints(Map.of("numbers", Map.of("+380441234567", "hotline"),
        "widget", "hotline"), Map.of("hotline", f));
    assertThat(ep.forCall(new CallInfo("c1", "+380500000001", "+380441234567", CallInfo.Channel.TRUNK))).contains(f);
    assertThat(ep.forCall(new CallInfo("c2", "+380500000001", "+380449999999", CallInfo.Channel.TRUNK))).isEmpty();
    assertThat(ep.forCall(new CallInfo("c3", null, null, CallInfo.Channel.WIDGET))).contains(f);
    assertThatThrownBy(() -> FlowFactory.entryPoints(Map.of("numbers", Map.of("+380441234567", "nope")),
        Map.of("hotline", f))).hasMessageContaining("unknown flow 'nope'");
  }
}
