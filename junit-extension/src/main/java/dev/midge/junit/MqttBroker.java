package dev.midge.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts an embedded MQTT broker for a test class (annotate the class: one broker for all its tests, reset between
 * them) or for one test method (annotate the method: a fresh broker for that test). Test methods, constructors and
 * lifecycle methods can then take a {@link BrokerHandle}, {@link MqttClients}, the {@link dev.midge.broker.Broker}
 * itself, or a {@link BrokerUri @BrokerUri} {@code String}/{@code URI}.
 *
 * <pre>{@code
 * @MqttBroker
 * class PublisherTest {
 *     @Test
 *     void publishesFiveReadings(BrokerHandle broker) throws Exception {
 *         new Publisher(broker.uri()).run();
 *         assertThat(broker).received().onTopic("raspberry/topic").messages(5);
 *     }
 * }
 * }</pre>
 *
 * <p>For settings computed in code use {@link MidgeExtension#builder()} with {@code @RegisterExtension} instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MidgeExtension.class)
public @interface MqttBroker {

    /**
     * @return whether to add a WebSocket listener ({@link BrokerHandle#websocketUri()})
     */
    boolean websocket() default false;

    /**
     * @return whether to add a TLS listener ({@link BrokerHandle#tlsUri()}), and with {@link #websocket()} a secure
     *         WebSocket one ({@link BrokerHandle#secureWebsocketUri()}), presenting a self-signed certificate for
     *         loopback that {@link BrokerHandle#certificate()} tells clients to trust
     */
    boolean tls() default false;

    /**
     * @return accepted users as {@code "name:password"}; when any are given, other clients are refused with
     *         "bad user name or password"
     */
    String[] users() default {};

    /**
     * @return the MQTT protocol levels clients may connect with: 3 (3.1), 4 (3.1.1), 5 (5.0); empty for all.
     *         Others are refused with "unsupported protocol version"
     */
    int[] protocolVersions() default {};

    /**
     * @return what is cleared before each test when one broker serves a whole class
     */
    Reset[] reset() default {Reset.RECORDING, Reset.RETAINED_MESSAGES, Reset.SESSIONS, Reset.FAULTS};

    /**
     * @return the TCP port; 0 (the default) picks a free one, which lets test classes run in parallel
     */
    int port() default 0;

    /**
     * @return a broker configuration file in Mosquitto's format, as a resource of the test class path (e.g.
     *         {@code "midge.conf"} from {@code src/test/resources}); its limits, {@code sys_interval},
     *         {@code allow_anonymous}, {@code password_file} and {@code acl_file} apply (paths in it are relative to
     *         its directory), its listener lines are checked but not used: the other attributes decide the listeners,
     *         and {@link #users()} and {@link #protocolVersions()}, when given, replace the file's password check.
     *         Empty (the default) for none
     */
    String config() default "";

    /**
     * @return whether the broker runs on virtual time: its clock stands still until the test moves it with
     *         {@link BrokerHandle#virtualTime()}, and keep-alive, will delay, session expiry, message expiry and
     *         {@code $SYS} wait for it (default false: real time)
     */
    boolean virtualTime() default false;

    /**
     * @return whether the broker keeps its sessions, queued and in-flight messages and retained messages in a
     *         store, in a temporary directory of its own deleted after its scope, so that
     *         {@link Faults#crashBroker()} and {@link Faults#restartBroker()} test an application against a broker
     *         restart with state kept (default false: memory only)
     */
    boolean persistence() default false;

    /**
     * @return an external broker to run the tests against instead, e.g. {@code tcp://localhost:1883}; the JUnit
     *         configuration parameter {@value MidgeExtension#EXTERNAL_URL_PROPERTY} does the same for every test
     */
    String externalUrl() default "";
}
