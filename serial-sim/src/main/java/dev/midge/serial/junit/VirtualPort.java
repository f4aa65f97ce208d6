package dev.midge.serial.junit;

import dev.midge.serial.InMemorySerialLink;
import dev.midge.serial.VirtualSerialPort;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a fresh virtual serial port into a test or lifecycle method parameter, and closes it when that
 * method's scope ends. Supported parameter types:
 * <ul>
 *   <li>{@link VirtualSerialPort}: a pseudo-terminal the app opens with jSerialComm. On platforms without
 *       pseudo-terminals (Windows) the test is skipped with an assumption that says why.</li>
 *   <li>{@link InMemorySerialLink}: an in-memory connection, on every platform.</li>
 * </ul>
 *
 * <pre>{@code
 * @Test
 * void forwardsSensorLines(@VirtualPort VirtualSerialPort port) { ... }
 * }</pre>
 *
 * <p>No class-level registration is needed: the annotation registers {@link VirtualSerialPortExtension}.
 * The port is closed when the scope of the method it was injected into ends, on JUnit Jupiter 5.10 and later.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(VirtualSerialPortExtension.class)
public @interface VirtualPort {

    /**
     * Names the port's symbolic link, e.g. {@code "ttyAMA0"} so the path reads like the Pi's. Ignored for
     * {@link InMemorySerialLink}.
     *
     * @return the link's file name
     */
    String name() default VirtualSerialPort.DEFAULT_NAME;
}
