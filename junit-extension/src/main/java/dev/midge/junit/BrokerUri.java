package dev.midge.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the broker's address into a {@code String} or {@link java.net.URI} parameter, for code that only needs
 * to know where to connect: {@code void test(@BrokerUri String uri)} receives {@code tcp://127.0.0.1:<port>}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BrokerUri {

    /**
     * @return true for the WebSocket address ({@code ws://host:port/mqtt}); needs {@code @MqttBroker(websocket = true)}
     */
    boolean websocket() default false;

    /**
     * @return true for the TLS address ({@code ssl://host:port}, or with {@link #websocket()}
     *         {@code wss://host:port/mqtt}); needs {@code @MqttBroker(tls = true)}
     */
    boolean tls() default false;
}
