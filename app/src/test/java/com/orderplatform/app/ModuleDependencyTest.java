package com.orderplatform.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module graph of DESIGN §1, checked on the compiled classes rather than remembered. */
class ModuleDependencyTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.orderplatform");
    }

    @Test
    void commandSideSagaAndQuerySideNeverDependOnEachOther() {
        slices().matching("com.orderplatform.(command|saga|query)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void onlyTheAppDependsOnTheApp() {
        noClasses().that().resideOutsideOfPackage("com.orderplatform.app..")
                .should().dependOnClassesThat().resideInAPackage("com.orderplatform.app..").check(classes);
    }

    @Test
    void infraDependsOnNoBusinessModule() {
        noClasses().that().resideInAPackage("com.orderplatform.infra..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("com.orderplatform.command..", "com.orderplatform.saga..", "com.orderplatform.query..")
                .check(classes);
    }

    @Test
    void contractsDependOnlyOnTheJdkAxonAnnotationsAndValidation() {
        noClasses().that().resideInAPackage("com.orderplatform.api..")
                .should().dependOnClassesThat().resideOutsideOfPackages("com.orderplatform.api..", "java..",
                        "jakarta.validation..", "org.axonframework.modelling.command..")
                .check(classes);
    }
}
