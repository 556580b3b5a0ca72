package org.tributary.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

class ArchitectureTest {

    static final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tributary.node");

    @Test
    void noControllerTouchesTheStoredEntityOrTheRepository() {
        noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Record")
                .orShould()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .check(classes);
    }

    @Test
    void onlyTheCasesPackageKnowsTheEntity() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.tributary.node.cases..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.tributary.node.cases.CaseRecord")
                .check(classes);
    }

    @Test
    void importsDoNotReachIntoTheWebLayerOfCasesAndCasesDoNotKnowImports() {
        noClasses()
                .that()
                .resideInAPackage("org.tributary.node.cases..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.tributary.node.ingest..", "org.tributary.node.sample..")
                .check(classes);
    }

    @Test
    void thePackagesDependOnEachOtherWithoutCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("org.tributary.node.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }
}
