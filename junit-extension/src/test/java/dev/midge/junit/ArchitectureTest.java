package dev.midge.junit;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The extension is a user of the broker and of the serial simulator like any other, and its own API keeps its
 * internals out of sight.
 */
@AnalyzeClasses(packages = "dev.midge.junit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule usesOnlyTheApiOfTheBrokerAndTheSimulator = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.midge.broker.internal..",
                    "dev.midge.serial.internal..")
            .because("what the extension needs from the broker, an application embedding it may need too: it "
                    + "belongs in the broker's API");

    @ArchTest
    static final ArchRule publicSignaturesShowNoInternalType = codeUnits()
            .that().arePublic().and().areDeclaredInClassesThat().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
            .should(new ArchCondition<JavaCodeUnit>("name no internal type in their signature") {
                @Override
                public void check(JavaCodeUnit unit, ConditionEvents events) {
                    List<JavaClass> shown = new ArrayList<>(unit.getRawParameterTypes());
                    shown.add(unit.getRawReturnType());
                    shown.addAll(unit.getExceptionTypes());
                    shown.stream().filter(type -> type.getPackageName().contains(".internal"))
                            .forEach(type -> events.add(SimpleConditionEvent.violated(unit,
                                    unit.getFullName() + " shows " + type.getName())));
                }
            })
            .because("tests may only rely on dev.midge.junit and dev.midge.junit.assertions");
}
