package io.amlcompute.provisioner;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries the deployment relies on. The app jar leaves out {@code local} and {@code cli}
 * (see the jar plugin's excludes in pom.xml), so anything else reaching into them would fail only once deployed;
 * the domain ({@code contract}, {@code provisioning}) stays free of Azure SDKs so it can be driven by plain tests.
 */
class ArchitectureTest {

    private static final String BASE = "io.amlcompute.provisioner";
    private static JavaClasses productionClasses;

    @BeforeAll
    static void importProductionClasses() {
        productionClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void deployedCodeNeverDependsOnTheLocalToolsOrTheCli() {
        noClasses().that().resideOutsideOfPackages(BASE + ".local..", BASE + ".cli..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".local..", BASE + ".cli..")
                .because("the app jar excludes local and cli: the deployed app must not know it runs locally")
                .check(productionClasses);
    }

    @Test
    void contractAndProvisioningNeverDependOnAzureSdks() {
        noClasses().that().resideInAnyPackage(BASE + ".contract..", BASE + ".provisioning..", BASE + ".undeliverable..")
                .should().dependOnClassesThat().resideInAnyPackage("com.azure..", "com.microsoft.durabletask..")
                .because("the domain is driven through its own ports (ComputeGateway, EventPublisher, ...)")
                .check(productionClasses);
    }

    @Test
    void theOrchestrationNeverWaitsOnSeveralTasksAtOnce() {
        noClasses().that().resideInAPackage(BASE + ".functions..")
                .should().callMethodWhere(target(nameMatching("anyOf|allOf"))
                        .and(target(owner(assignableTo("com.microsoft.durabletask.TaskOrchestrationContext")))))
                .because("durabletask-java 1.4.0 fails a turn that finishes the orchestration while a retried task is"
                        + " still outstanding, and Azure can deliver both results in one turn"
                        + " (docs/local/durable-backend.md): the orchestrator awaits one task at a time")
                .check(productionClasses);
    }

    @Test
    void onlyTheFunctionsPackageCarriesFunctionsAnnotations() {
        codeUnits().that().areDeclaredInClassesThat().resideOutsideOfPackage(BASE + ".functions..")
                .should(carryNoFunctionsAnnotation())
                .allowEmptyShould(true)
                .because("functions is the app's only entry point; the local host reads these annotations, "
                        + "it never declares them")
                .check(productionClasses);
        noClasses().that().resideOutsideOfPackage(BASE + ".functions..")
                .should().beAnnotatedWith(annotationFromFunctions())
                .check(productionClasses);
    }

    private static DescribedPredicate<JavaAnnotation<?>> annotationFromFunctions() {
        return DescribedPredicate.describe("an Azure Functions annotation",
                ArchitectureTest::isFunctionsAnnotation);
    }

    private static ArchCondition<JavaCodeUnit> carryNoFunctionsAnnotation() {
        return new ArchCondition<>("carry no Azure Functions annotation on themselves or their parameters") {
            @Override
            public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
                Stream<JavaAnnotation<?>> onParameters = codeUnit.getParameters().stream()
                        .map(JavaParameter::getAnnotations).flatMap(Set::stream);
                Stream.concat(codeUnit.getAnnotations().stream(), onParameters)
                        .filter(ArchitectureTest::isFunctionsAnnotation)
                        .forEach(annotation -> events.add(SimpleConditionEvent.violated(codeUnit,
                                codeUnit.getFullName() + " carries @" + annotation.getRawType().getName())));
            }
        };
    }

    private static boolean isFunctionsAnnotation(JavaAnnotation<?> annotation) {
        String name = annotation.getRawType().getName();
        // The durable bindings (DurableActivityTrigger, DurableClientInput, ...) are Functions annotations too.
        return name.startsWith("com.microsoft.azure.functions.")
                || name.startsWith("com.microsoft.durabletask.azurefunctions.");
    }
}
