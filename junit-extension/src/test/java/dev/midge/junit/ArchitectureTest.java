package dev.midge.junit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.anyElementThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The extension is a user of the broker and of the serial simulator like any other, and its own API keeps its
 * internals out of sight.
 */
@AnalyzeClasses(packages = "dev.midge.junit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String INTERNAL = "..internal..";

    @ArchTest
    static final ArchRule usesOnlyTheApiOfTheBrokerAndTheSimulator = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.midge.broker.internal..",
                    "dev.midge.serial.internal..")
            .because("what the extension needs from the broker, an application embedding it may need too: it "
                    + "belongs in the broker's API");

    @ArchTest
    static final ArchRule publicSignaturesShowNoInternalType = codeUnits()
            .that().arePublic().and().areDeclaredInClassesThat().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackage(INTERNAL)
            .should().notHaveRawParameterTypes(anyElementThat(resideInAPackage(INTERNAL)))
            .andShould().notHaveRawReturnType(resideInAPackage(INTERNAL))
            .andShould().notDeclareThrowableOfType(resideInAPackage(INTERNAL))
            .because("tests may only rely on dev.midge.junit and dev.midge.junit.assertions");
}
