package com.orderplatform.app;

import static com.tngtech.archunit.lang.conditions.ArchConditions.onlyHaveDependenciesWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
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

    /** Placement asks its ports; which adapter answers (the Redis gate, the catalogue table) is not its business. */
    @Test
    void placementKnowsItsPortsNotTheirAdapters() {
        noClasses().that().resideInAPackage("com.orderplatform.command.placement..")
                .should().dependOnClassesThat().resideInAnyPackage("com.orderplatform.command.inventory..",
                        "com.orderplatform.command.catalog..", "com.orderplatform.infra.gate..")
                .check(classes);
    }

    /** Aggregates and the saga's decision core: the business rules, in no framework's terms but Axon's. */
    private static final DescribedPredicate<JavaClass> DOMAIN = new DescribedPredicate<>("an aggregate or the saga's core") {
        @Override
        public boolean test(JavaClass type) {
            JavaClass outermost = type;
            while (outermost.getEnclosingClass().isPresent()) {
                outermost = outermost.getEnclosingClass().get();
            }
            return outermost.isAnnotatedWith(Aggregate.class)
                    || outermost.getPackageName().equals("com.orderplatform.saga")
                    && outermost.getSimpleName().matches("OrderSaga(Decisions?|State|Step)");
        }
    };

    @Test
    void theDomainDependsOnlyOnTheJdkTheContractsAndAxon() {
        classes().that(DOMAIN).should(onlyHaveDependenciesWhere(new DescribedPredicate<>(
                "the target is in the JDK, the contracts, Axon, or the domain itself") {
            @Override
            public boolean test(Dependency dependency) {
                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                return target.isPrimitive() || DOMAIN.test(target)
                        || target.getPackageName().startsWith("java.")
                        || target.getPackageName().startsWith("com.orderplatform.api")
                        || target.getPackageName().startsWith("org.axonframework.");
            }
        })).check(classes);
    }
}
