package org.tributary.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The gateway knows no other Tributary service: it talks to them over HTTP only, and shares only {@code common}. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tributary.gateway");

    @Test
    void theGatewayDependsOnNoOtherTributaryServiceModule() {
        noClasses()
                .that()
                .resideInAPackage("org.tributary.gateway..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.tributary.node..", "org.tributary.aggregator..", "org.tributary.bench..")
                .check(CLASSES);
    }

    @Test
    void theRoleRulesKnowNothingOfTheRateLimiterOrTheAccessLog() {
        noClasses()
                .that()
                .resideInAPackage("..gateway.security..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..gateway.ratelimit..", "..gateway.access..")
                .check(CLASSES);
    }

    @Test
    void thePackagesDependOnEachOtherWithoutCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("org.tributary.gateway.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    /** Public only what another package uses; everything else is package-private. */
    @Test
    void typesArePackagePrivateUnlessAnotherPackageUsesThem() {
        var publicTypes = CLASSES.stream()
                .filter(c -> c.isTopLevelClass()
                        && c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                .map(com.tngtech.archunit.core.domain.JavaClass::getSimpleName)
                .toList();
        org.assertj.core.api.Assertions.assertThat(publicTypes)
                .containsExactlyInAnyOrder(
                        "GatewayApplication",
                        "GatewayProperties",
                        "AccessEvents",
                        "AccessEvent",
                        "ProblemErrorHandler",
                        "ProblemResponses",
                        "SecurityHeadersFilter",
                        "CorrelationIdFilter",
                        "GatewayPaths",
                        "BearerTokens",
                        "RequestIdentity");
    }
}
