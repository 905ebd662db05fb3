package io.switchboard.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module edges of the design, checked on the compiled classes of every module on the server's classpath (the
 * POMs already forbid most of them; these rules also catch a dependency slipped in through a transitive jar).
 * Modules that are still empty pass thanks to {@code allowEmptyShould}; the rules bite as soon as code arrives.
 */
@AnalyzeClasses(packages = "io.switchboard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String[] MONGO = {"com.mongodb..", "io.vertx.ext.mongo..", "org.bson..", "de.bwaldvogel.."};

  /** Routing is pure logic: deterministic, replayable, simulated with a Clock passed in. */
  @ArchTest
  static final ArchRule routingIsPureLogic = noClasses().that().resideInAPackage("io.switchboard.routing..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.switchboard.media..", "io.switchboard.gateway..", "io.switchboard.signaling..",
          "io.switchboard.server..", "io.vertx..", "java.net..", "java.nio.channels..")
      .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.File.*")
      .allowEmptyShould(true)
      .because("routing must stay free of I/O and of the other modules");

  @ArchTest
  static final ArchRule mediaKnowsNoOtherModule = noClasses().that().resideInAPackage("io.switchboard.media..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.switchboard.gateway..", "io.switchboard.signaling..", "io.switchboard.routing..",
          "io.switchboard.server..")
      .allowEmptyShould(true);

  @ArchTest
  static final ArchRule gatewayKnowsOnlyMedia = noClasses().that().resideInAPackage("io.switchboard.gateway..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.switchboard.signaling..", "io.switchboard.routing..", "io.switchboard.server..")
      .allowEmptyShould(true);

  @ArchTest
  static final ArchRule signalingKnowsOnlyMedia = noClasses().that().resideInAPackage("io.switchboard.signaling..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.switchboard.gateway..", "io.switchboard.routing..", "io.switchboard.server..")
      .allowEmptyShould(true);

  @ArchTest
  static final ArchRule nothingDependsOnServer = noClasses().that().resideInAPackage("io.switchboard..")
      .and().resideOutsideOfPackage("io.switchboard.server..")
      .should().dependOnClassesThat().resideInAPackage("io.switchboard.server..");

  @ArchTest
  static final ArchRule onlyTheStoreTalksToMongo = noClasses().that().resideInAPackage("io.switchboard..")
      .and().resideOutsideOfPackage("io.switchboard.server.store..")
      .should().dependOnClassesThat().resideInAnyPackage(MONGO)
      .because("the store owns the schema and the MongoDB subset both the embedded server and a replica set support");

  /** Metrics are the server's business: the modules report through small interfaces of their own (docs/metrics.md). */
  @ArchTest
  static final ArchRule onlyTheServerKnowsTheMetricsLibrary = noClasses().that().resideInAnyPackage(
          "io.switchboard.media..", "io.switchboard.gateway..", "io.switchboard.signaling..", "io.switchboard.routing..")
      .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..", "io.vertx.micrometer..")
      .because("media, SIP, signaling and routing must not depend on how figures are kept or exposed");

  /** The ACD is the core: flows, cascades, calendars and configuration build on it, never the other way round. */
  @ArchTest
  static final ArchRule acdKnowsNoFlow = noClasses().that().resideInAPackage("io.switchboard.routing.acd..")
      .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.routing.flow..",
          "io.switchboard.routing.cascade..", "io.switchboard.routing.calendar..",
          "io.switchboard.routing.callback..", "io.switchboard.routing.config..")
      .because("the ACD must be usable (and simulated) without call flows");

  /** Flows decide; they never reach into configuration parsing or call each other's engines. */
  @ArchTest
  static final ArchRule flowsKnowNoConfiguration = noClasses().that().resideInAPackage("io.switchboard.routing.flow..")
      .should().dependOnClassesThat().resideInAPackage("io.switchboard.routing.config..")
      .allowEmptyShould(true);

  /**
   * Only call control feeds the routing engine and runs flows: a second owner would break the one-context rule that
   * makes the engine's transactions safe (docs/design.md).
   */
  @ArchTest
  static final ArchRule onlyCallControlDrivesRouting = noClasses().that().resideInAPackage("io.switchboard.server..")
      .and().resideOutsideOfPackage("io.switchboard.server.calls..")
      .should().dependOnClassesThat().haveFullyQualifiedName("io.switchboard.routing.acd.RoutingEngine")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("io.switchboard.routing.flow.FlowRun")
      .because("the call center's context is the engine's one owner");

  /** REST resources read the store; they never reach into live call control. */
  @ArchTest
  static final ArchRule apiDoesNotTouchCallControl = noClasses().that().resideInAPackage("io.switchboard.server.api..")
      .should().dependOnClassesThat().resideInAPackage("io.switchboard.server.calls..");

  /**
   * The outbound wall (docs/security.md): the trunk dialer is handed from the gateway to the one outbound dialer and
   * touched nowhere else, so no inbound leg, flow, REST resource or web caller can place a call.
   */
  @ArchTest
  static final ArchRule onlyTheOutboundDialerDials = noClasses().that().resideInAPackage("io.switchboard..")
      .and().doNotHaveFullyQualifiedName("io.switchboard.server.calls.OutboundDialer")
      .and().doNotHaveFullyQualifiedName("io.switchboard.server.SwitchboardServer")
      .and().resideOutsideOfPackage("io.switchboard.gateway..")
      .should().dependOnClassesThat().haveFullyQualifiedName("io.switchboard.gateway.TrunkDialer")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("io.switchboard.gateway.DialRequest")
      .because("only the outbound dialer, behind the wall, may place calls on a trunk");

  /** Only the agents' desk and the callback job ask the outbound dialer for calls; the inbound path never does. */
  @ArchTest
  static final ArchRule onlyTheDeskAndCallbacksAskForCalls = noClasses().that().resideInAPackage("io.switchboard..")
      .and().doNotHaveFullyQualifiedName("io.switchboard.server.calls.OutboundDialer")
      .and().doNotHaveFullyQualifiedName("io.switchboard.server.calls.AgentDialing")
      .and().doNotHaveFullyQualifiedName("io.switchboard.server.calls.OutboundCall")
      .and().doNotHaveFullyQualifiedName("io.switchboard.server.calls.CallbackDialer")
      // A transfer to a number is dialled for the agent on the call (the wall judges the agent, never the caller).
      .and().doNotHaveFullyQualifiedName("io.switchboard.server.calls.Transfers")
      .and().doNotHaveFullyQualifiedName("io.switchboard.server.calls.Consultation")
      .and().doNotHaveFullyQualifiedName("io.switchboard.server.calls.CallCenter")
      .and().doNotHaveFullyQualifiedName("io.switchboard.server.SwitchboardServer")
      .should().dependOnClassesThat().haveFullyQualifiedName("io.switchboard.server.calls.OutboundDialer")
      .because("only an authenticated agent or a stored callback may lead to an outbound call");

  /**
   * Our REFER sends a caller to a number (docs/security.md): only the outbound dialer sends one, after the wall
   * admitted the number for the agent asking.
   */
  @ArchTest
  static final ArchRule onlyTheOutboundDialerRefers = noClasses().that().resideInAPackage("io.switchboard.server..")
      .and().doNotHaveFullyQualifiedName("io.switchboard.server.calls.OutboundDialer")
      .should().callMethod("io.switchboard.gateway.SipLeg", "refer", "java.lang.String")
      .because("a transfer out by REFER is an outbound call: only behind the wall");
}
