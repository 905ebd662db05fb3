package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.switchboard.gateway.archfixture.GatewayThatUsesSignaling;
import io.switchboard.media.archfixture.MediaThatUsesServer;
import io.switchboard.routing.archfixture.RoutingThatDoesIo;
import io.switchboard.routing.archfixture.RoutingThatUsesMedia;
import io.switchboard.server.http.archfixture.HttpThatUsesMongo;
import io.switchboard.signaling.archfixture.SignalingThatUsesGateway;
import org.junit.jupiter.api.Test;

/** Each rule of {@link ArchitectureTest} fails on a class that breaks it: a rule that cannot fail guards nothing. */
class ArchitectureRulesBiteTest {

  @Test
  void routingRule_catchesVertxFileAndOtherModules() {
    assertViolated(ArchitectureTest.routingIsPureLogic, RoutingThatDoesIo.class, "io.vertx.core.Vertx");
    assertViolated(ArchitectureTest.routingIsPureLogic, RoutingThatDoesIo.class, "java.io.File");
    assertViolated(ArchitectureTest.routingIsPureLogic, RoutingThatUsesMedia.class, "WebRtcSession");
  }

  @Test
  void mediaRule_catchesMediaUsingServer() {
    assertViolated(ArchitectureTest.mediaKnowsNoOtherModule, MediaThatUsesServer.class, "SwitchboardServer");
  }

  @Test
  void gatewayAndSignalingRules_catchThemUsingEachOther() {
    assertViolated(ArchitectureTest.gatewayKnowsOnlyMedia, GatewayThatUsesSignaling.class, "SignalingThatUsesGateway");
    assertViolated(ArchitectureTest.signalingKnowsOnlyMedia, SignalingThatUsesGateway.class,
        "GatewayThatUsesSignaling");
  }

  @Test
  void serverRule_catchesAModuleUsingServer() {
    assertViolated(ArchitectureTest.nothingDependsOnServer, MediaThatUsesServer.class, "SwitchboardServer");
  }

  @Test
  void metricsRule_catchesAModuleUsingMicrometer() {
    assertViolated(ArchitectureTest.onlyTheServerKnowsTheMetricsLibrary,
        io.switchboard.gateway.archfixture.GatewayThatCountsWithMicrometer.class, "Counter");
  }

  @Test
  void storeRule_catchesMongoOutsideTheStore() {
    assertViolated(ArchitectureTest.onlyTheStoreTalksToMongo, HttpThatUsesMongo.class, "MongoClient");
  }

  @Test
  void routingLayerRules_catchTheAcdUsingFlowsAndTheApiDrivingTheEngine() {
    assertViolated(ArchitectureTest.acdKnowsNoFlow, io.switchboard.routing.acd.archfixture.AcdThatUsesFlows.class,
        "FlowRun");
    assertViolated(ArchitectureTest.onlyCallControlDrivesRouting,
        io.switchboard.server.api.archfixture.ApiThatDrivesTheEngine.class, "RoutingEngine");
    assertViolated(ArchitectureTest.apiDoesNotTouchCallControl,
        io.switchboard.server.api.archfixture.ApiThatDrivesTheEngine.class, "CallCenter");
  }

  private static void assertViolated(ArchRule rule, Class<?> violator, String expectedInMessage) {
    JavaClasses classes = new ClassFileImporter().importClasses(violator);
    assertThatThrownBy(() -> rule.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(violator.getSimpleName())
        .hasMessageContaining(expectedInMessage);
  }
}
