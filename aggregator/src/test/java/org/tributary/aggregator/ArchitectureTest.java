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

    @Test
    void onlyTheFederationPackageCallsNodes() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..aggregator.federation..", "..aggregator.nodes..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.camel.http..", "org.apache.hc..")
                .check(CLASSES);
    }
}
