package kr.hiway.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import kr.hiway.gateway.api.archfixture.ApiUsingTheSimulator;
import kr.hiway.gateway.fanout.archfixture.FanOutSide;
import kr.hiway.gateway.release.archfixture.ReleaseSide;
import kr.hiway.vocabulary.archfixture.VocabularyUsingSpring;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The house rules of docs/architecture.md, checked on the production classes of every module: which
 * module and package may import which, and no package cycles. A rule broken here fails the build;
 * the last tests show that each kind of rule does catch a forbidden import.
 */
class ArchitectureTest {

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ArchitectureTest::isProduction)
            .importPackages("kr.hiway");
  }

  /** Production classes only: no test classes of this module, and no other module's test jar. */
  private static boolean isProduction(Location location) {
    return new ImportOption.DoNotIncludeTests().includes(location)
        && !location.contains("-tests.jar")
        && !location.contains("/test-classes/");
  }

  static final ArchRule VOCABULARY_IS_PLAIN =
      classes()
          .that()
          .resideInAPackage("kr.hiway.vocabulary..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..", "javax..", "kr.hiway.vocabulary..", "org.hl7.fhir..", "ca.uhn.fhir..")
          .because("the shared vocabulary is HAPI structures and the JDK only, no Spring");

  static final ArchRule SDK_WITHOUT_DEMO =
      noClasses()
          .that()
          .resideInAPackage("kr.hiway.adapter..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "kr.hiway.demo..",
              "kr.hiway.gateway..",
              "kr.hiway.consent..",
              "org.springframework..")
          .because("the hospital SDK carries no simulator, gateway, consent library or Spring");

  static final ArchRule CONSENT_IS_A_LIBRARY =
      noClasses()
          .that()
          .resideInAPackage("kr.hiway.consent..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("kr.hiway.gateway..", "kr.hiway.adapter..", "kr.hiway.demo..")
          .because("the consent library stands on the shared vocabulary alone");

  static final ArchRule DEMO_BELOW_GATEWAY =
      noClasses()
          .that()
          .resideInAPackage("kr.hiway.demo..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("kr.hiway.gateway..", "kr.hiway.consent..")
          .because("the demo network is hospitals, which know nothing of the gateway");

  static final ArchRule GATEWAY_USES_THE_DEMO_ONLY_FROM_DEMO =
      noClasses()
          .that()
          .resideInAPackage("kr.hiway.gateway..")
          .and()
          .resideOutsideOfPackage("kr.hiway.gateway.demo..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("kr.hiway.demo..", "kr.hiway.adapter..")
          .because(
              "production code talks to hospitals over HTTP only, never through the simulator");

  static final ArchRule WITNESS_STANDS_APART =
      noClasses()
          .that()
          .resideInAPackage("kr.hiway.witness..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "kr.hiway.gateway..",
              "kr.hiway.adapter..",
              "kr.hiway.demo..",
              "org.springframework..")
          .because("a witness is another party's program: the ledger library and the JDK only");

  static final ArchRule GATEWAY_RUNS_WITNESSES_ONLY_IN_THE_DEMO =
      noClasses()
          .that()
          .resideInAPackage("kr.hiway.gateway..")
          .and()
          .resideOutsideOfPackage("kr.hiway.gateway.demo..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("kr.hiway.witness..")
          .because("production reaches its witnesses over HTTP, as other parties' programs");

  static final ArchRule ERRORS_STAND_ALONE =
      noClasses()
          .that()
          .resideInAPackage("kr.hiway.gateway.error..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("kr.hiway.gateway..")
                  .and(not(resideInAPackage("kr.hiway.gateway.error.."))))
          .because("every package may raise and translate errors, so errors import none of them");

  static final ArchRule RELEASE_BELOW_API =
      noClasses()
          .that()
          .resideInAPackage("kr.hiway.gateway.release..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("kr.hiway.gateway.api..")
          .because("the release rules are the API's to call, not the other way round");

  static final ArchRule FAN_OUT_KNOWS_ONLY_HOSPITALS =
      noClasses()
          .that()
          .resideInAPackage("kr.hiway.gateway.fanout..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "kr.hiway.gateway.api..",
              "kr.hiway.gateway.release..",
              "kr.hiway.gateway.audit..",
              "kr.hiway.gateway.ledger..",
              "kr.hiway.gateway.pki..",
              "kr.hiway.gateway.registry..",
              "kr.hiway.gateway.security..",
              "kr.hiway.consent..")
          .because("the fan-out asks hospitals and checks what they send; it decides nothing");

  static Stream<ArchRule> slicesWithoutCycles() {
    return Stream.of(
            "kr.hiway.gateway.(*)..",
            "kr.hiway.consent.(*)..",
            "kr.hiway.adapter.(*)..",
            "kr.hiway.demo.(*)..",
            "kr.hiway.(*)..")
        .map(pattern -> slices().matching(pattern).should().beFreeOfCycles());
  }

  static Stream<ArchRule> rules() {
    return Stream.concat(
        Stream.of(
            VOCABULARY_IS_PLAIN,
            SDK_WITHOUT_DEMO,
            CONSENT_IS_A_LIBRARY,
            DEMO_BELOW_GATEWAY,
            GATEWAY_USES_THE_DEMO_ONLY_FROM_DEMO,
            WITNESS_STANDS_APART,
            GATEWAY_RUNS_WITNESSES_ONLY_IN_THE_DEMO,
            ERRORS_STAND_ALONE,
            RELEASE_BELOW_API,
            FAN_OUT_KNOWS_ONLY_HOSPITALS),
        slicesWithoutCycles());
  }

  @ParameterizedTest
  @MethodSource("rules")
  void checkWhenProductionClassesThenRuleHolds(ArchRule rule) {
    rule.check(production);
  }

  @Test
  void importWhenEveryModuleOnTheClassPathThenEachIsSeen() {
    // A rule over an empty set passes vacuously: make sure every module was imported.
    for (String pkg :
        List.of(
            "kr.hiway.vocabulary",
            "kr.hiway.adapter.server",
            "kr.hiway.demo.network",
            "kr.hiway.consent.ledger",
            "kr.hiway.witness",
            "kr.hiway.gateway.api")) {
      assertThat(production.containPackage(pkg)).as(pkg).isTrue();
    }
  }

  @Test
  void checkWhenVocabularyImportsSpringThenRuleFails() {
    JavaClasses offender = new ClassFileImporter().importClasses(VocabularyUsingSpring.class);
    assertThat(VOCABULARY_IS_PLAIN.evaluate(offender).hasViolation()).isTrue();
  }

  @Test
  void checkWhenGatewayOutsideDemoImportsSimulatorThenRuleFails() {
    JavaClasses offender = new ClassFileImporter().importClasses(ApiUsingTheSimulator.class);
    assertThat(GATEWAY_USES_THE_DEMO_ONLY_FROM_DEMO.evaluate(offender).hasViolation()).isTrue();
  }

  @Test
  void checkWhenTwoPackagesImportEachOtherThenCycleRuleFails() {
    JavaClasses offender =
        new ClassFileImporter().importClasses(FanOutSide.class, ReleaseSide.class);
    ArchRule noCycles = slices().matching("kr.hiway.gateway.(*)..").should().beFreeOfCycles();
    assertThat(noCycles.evaluate(offender).hasViolation()).isTrue();
    assertThat(FAN_OUT_KNOWS_ONLY_HOSPITALS.evaluate(offender).hasViolation()).isTrue();
  }
}
