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
}
