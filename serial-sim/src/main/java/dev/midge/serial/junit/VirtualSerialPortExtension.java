package dev.midge.serial.junit;

import dev.midge.serial.InMemorySerialLink;
import dev.midge.serial.VirtualSerialPort;
import dev.midge.serial.internal.PtyPlatform;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Resolves {@link VirtualPort} parameters, and skips tests that need a pseudo-terminal where none exists.
 * Registered by the annotation itself; can also be registered with {@code @ExtendWith}.
 */
public final class VirtualSerialPortExtension implements ParameterResolver, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(VirtualSerialPortExtension.class);

    private final BooleanSupplier pseudoTerminals;

    /** Creates the extension for the running platform. */
    public VirtualSerialPortExtension() {
        this(VirtualSerialPort::isSupported);
    }

    VirtualSerialPortExtension(BooleanSupplier pseudoTerminals) {
        this.pseudoTerminals = pseudoTerminals;
    }

    /**
     * Skips the test, with the reason, when it or a {@code @BeforeEach} method asks for a
     * {@link VirtualSerialPort} on a platform without pseudo-terminals.
     *
     * @param context the test's context
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (pseudoTerminals.getAsBoolean()) {
            return;
        }
        Stream<Method> methods = Stream.concat(
                Stream.of(context.getRequiredTestMethod()),
                AnnotationSupport.findAnnotatedMethods(context.getRequiredTestClass(), BeforeEach.class, HierarchyTraversalMode.TOP_DOWN).stream());
        Assumptions.assumeFalse(methods.anyMatch(VirtualSerialPortExtension::wantsPseudoTerminal), PtyPlatform::unsupportedReason);
    }

    private static boolean wantsPseudoTerminal(Executable executable) {
        return Arrays.stream(executable.getParameters())
                .anyMatch(parameter -> parameter.isAnnotationPresent(VirtualPort.class) && parameter.getType() == VirtualSerialPort.class);
    }

    /**
     * Claims every parameter annotated with {@link VirtualPort}.
     *
     * @param parameterContext the parameter
     * @param extensionContext the scope
     * @return whether the parameter carries the annotation
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.isAnnotated(VirtualPort.class);
    }

    /**
     * Creates the port and hands it to JUnit's store, which closes it when the scope ends.
     *
     * @param parameterContext the parameter
     * @param extensionContext the scope
     * @return a new {@link VirtualSerialPort} or {@link InMemorySerialLink}
     * @throws ParameterResolutionException for other parameter types, or without pseudo-terminals
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter parameter = parameterContext.getParameter();
        AutoCloseable resource;
        if (parameter.getType() == VirtualSerialPort.class) {
            if (!pseudoTerminals.getAsBoolean()) {
                throw new ParameterResolutionException(PtyPlatform.unsupportedReason());
            }
            resource = VirtualSerialPort.open(parameter.getAnnotation(VirtualPort.class).name());
        } else if (parameter.getType() == InMemorySerialLink.class) {
            resource = InMemorySerialLink.create();
        } else {
            throw new ParameterResolutionException("@VirtualPort supports parameters of type VirtualSerialPort or "
                    + "InMemorySerialLink, not " + parameter.getType().getName() + " (" + parameter + ")");
        }
        extensionContext.getStore(NAMESPACE).put(resource, new ScopedResource(resource));
        return resource;
    }
}
