package org.tributary.aggregator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The aggregator's structure, kept by test: combination and export rules stay plain and free of the plumbing. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tributary.aggregator");

    @Test
    void theRegionalRulesKnowNeitherSpringNorCamelNorHttp() {
        noClasses()
                .that()
                .resideInAPackage("..aggregator.regional..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.camel..", "..aggregator.federation..")
                .check(CLASSES);
    }

    @Test
    void exportsDependOnlyOnTheResultModel() {
        noClasses()
                .that()
                .resideInAPackage("..aggregator.export..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.camel..",
                        "..aggregator.federation..",
                        "..aggregator.indicators..",
                        "..aggregator.releases..",
                        "..aggregator.nodes..")
                .check(CLASSES);
    }

    /**
     * Node calls go through the federation's Camel routes and the node registry's probes; the only other HTTP client
     * is the security officer's relay (to Keycloak's admin API and, with the officer's own token, to each node's
     * audit verification), plus the registry's token client. Everything else makes no HTTP call at all.
     */
    @Test
    void onlyTheFederationTheNodeRegistryAndTheOfficersRelayMakeHttpCalls() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "..aggregator.federation..", "..aggregator.nodes..", "..aggregator.accessreview..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.camel.http..", "org.apache.hc..", "java.net.http..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("..aggregator.accessreview..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.camel.http..", "org.apache.hc..")
                .check(CLASSES);
    }

    @Test
    void thePackagesDependOnEachOtherWithoutCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("org.tributary.aggregator.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }
}
