package dev.midge.junit.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that exists to be run by {@link EngineRun} (some of its tests fail on purpose). It is
 * disabled anywhere else, e.g. when an IDE runs every class of a package.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Fixture.OnlyInEngineRun.class)
public @interface Fixture {

    /** The configuration parameter {@link EngineRun} sets. */
    String PARAMETER = "midge.test.fixtures";

    /** Enables fixtures only inside {@link EngineRun}. */
    final class OnlyInEngineRun implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("run by EngineRun")
                    : ConditionEvaluationResult.disabled("a fixture for EngineRun, not a test of its own");
        }
    }
}
