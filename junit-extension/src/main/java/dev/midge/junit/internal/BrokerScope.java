package dev.midge.junit.internal;

import dev.midge.junit.MqttBroker;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * Where the broker for a context comes from: its settings, and whether it belongs to one test method.
 *
 * @param settings  the checked settings
 * @param perMethod whether the context's test gets a broker of its own
 */
public record BrokerScope(BrokerSettings settings, boolean perMethod) {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrokerScope.class);

    /**
     * The scope {@link MqttBroker} gives a context: the annotation on its test method, else on its class or a class
     * it is nested in. Read and checked once per context, then kept in the context's store.
     *
     * @param context a class or method context
     * @return the scope
     * @throws ExtensionConfigurationException when there is no annotation, or an attribute is wrong
     */
    public static BrokerScope annotated(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(context.getUniqueId(), id -> read(context),
                BrokerScope.class);
    }

    /**
     * @param context a class or method context
     * @return whether its class, or a class it is nested in, carries {@link MqttBroker}
     */
    public static boolean classAnnotated(ExtensionContext context) {
        return classAnnotation(context).isPresent();
    }

    private static BrokerScope read(ExtensionContext context) {
        Optional<MqttBroker> onMethod = context.getTestMethod()
                .flatMap(method -> AnnotationSupport.findAnnotation(method, MqttBroker.class));
        if (onMethod.isPresent()) {
            return new BrokerScope(BrokerSettings.of(onMethod.get()), true);
        }
        return new BrokerScope(BrokerSettings.of(classAnnotation(context).orElseThrow(() ->
                new ExtensionConfigurationException("MidgeExtension needs @MqttBroker on the test class or method, "
                        + "or registration through @RegisterExtension with MidgeExtension.builder()"))), false);
    }

    /**
     * Looks on the test class, then outwards through the classes a {@code @Nested} class is inside. Walked here
     * rather than with {@code ExtensionContext.getEnclosingTestClasses()}, which JUnit 5.10 and 5.11 do not have.
     */
    private static Optional<MqttBroker> classAnnotation(ExtensionContext context) {
        for (Class<?> type = context.getTestClass().orElse(null); type != null;
             type = Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass()) {
            Optional<MqttBroker> found = AnnotationSupport.findAnnotation(type, MqttBroker.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
