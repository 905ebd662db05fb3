package io.switchboard.routing.acd.archfixture;

import io.switchboard.routing.flow.FlowRun;

/** Breaks the ACD layering rule on purpose; only ArchitectureRulesBiteTest imports it. */
public final class AcdThatUsesFlows {
  FlowRun run;
}
