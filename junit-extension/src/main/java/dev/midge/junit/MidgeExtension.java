package dev.midge.junit;

import dev.midge.junit.internal.BrokerScope;
import dev.midge.junit.internal.BrokerSettings;
import dev.midge.junit.internal.BrokerStore;
import dev.midge.junit.internal.EmbeddedBrokerHandle;
import dev.midge.junit.internal.FailureReports;
import dev.midge.junit.internal.Injectables;
import dev.midge.junit.internal.MidgeConfiguration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstantiationAwareExtension.ExtensionContextScope;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JUnit 5 extension behind {@link MqttBroker}, also usable programmatically:
 *
 * <pre>{@code
 * @RegisterExtension
 * static MidgeExtension broker = MidgeExtension.builder().websocket(true).build();   // one broker per class
 *
 * @RegisterExtension
 * MidgeExtension perTest = MidgeExtension.builder().build();                          // one broker per test
 * }</pre>
 *
 * <p>A registered extension is itself a {@link BrokerHandle} on the broker of the running test. Brokers live in
 * JUnit's extension store, so parallel test classes and methods each get their own, on their own port, and every
 * broker and client is closed when its scope ends. When a test fails, what its broker saw is written to
 * {@code target/midge-reports/<test class>/<test method>.txt}.
 *
 * <p>Settings for every test of a run are JUnit configuration parameters ({@code junit-platform.properties},
 * {@code -D}, or the launcher's parameters), read once per run: {@value #EXTERNAL_URL_PROPERTY} (an external broker
 * for every test), {@code midge.assertions.timeout} (how long assertions wait, {@code 5s} by default) and
 * {@code midge.reports.dir} (where reports go, {@code none} for nowhere).
 */
public final class MidgeExtension extends CurrentBrokerHandle
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /**
     * The JUnit configuration parameter (or system property) that points every Midge test at an external broker,
     * e.g. {@code tcp://localhost:1883}.
     */
    public static final String EXTERNAL_URL_PROPERTY = MidgeConfiguration.EXTERNAL_URL;

    private final BrokerSettings programmatic;
    private final BrokerStore store;

    /**
     * Used by JUnit for {@link MqttBroker}; the settings then come from the annotation.
     */
    public MidgeExtension() {
        this.programmatic = null;
        this.store = new BrokerStore(MqttBroker.class);
    }

    private MidgeExtension(BrokerSettings settings) {
        this.programmatic = settings;
        this.store = new BrokerStore(this);
    }

    /**
     * @return a builder for {@code @RegisterExtension}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Asks JUnit 5.12 and later for a context of the test method while its test instance is made, so clients
     * injected into a constructor are closed after that test. It overrides {@code ParameterResolver}'s default
     * method there; older JUnit versions never call it, and since no signature of this class names
     * {@code TestInstantiationAwareExtension} itself, they load this class without it.
     *
     * @param rootContext the root context
     * @return {@code TEST_METHOD}
     */
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (programmatic != null || BrokerScope.classAnnotated(context)) {
            classHandle(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        BrokerScope scope = scope(context);
        if (scope.perMethod()) {
            methodHandle(context, scope.settings());
            return;
        }
        BrokerHandle shared = classHandle(context);
        setCurrent(shared);
        store.awaitTurn(context);
        if (shared instanceof EmbeddedBrokerHandle embedded) {
            embedded.reset(scope.settings().reset());
        } else {
            shared.recording().clear();
        }
    }

    /**
     * Writes what the broker saw to a report file when the test failed; see {@link FailureReports}.
     *
     * @param context the test's context
     */
    @Override
    public void afterEach(ExtensionContext context) {
        BrokerHandle own = store.existingMethodBroker(context);
        FailureReports.afterTest(context, own != null ? own : store.existingClassBroker(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return Injectables.supports(parameter);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return Injectables.resolve(parameter, context, handleFor(context));
    }

    private BrokerHandle handleFor(ExtensionContext context) {
        BrokerScope scope = scope(context);
        if (scope.perMethod() && context.getTestMethod().isPresent()) {
            return methodHandle(context, scope.settings());
        }
        BrokerHandle shared = store.existingClassBroker(context);
        if (shared == null) {
            throw new ParameterResolutionException("No MQTT broker is running here: annotate the test class or this"
                    + " method with @MqttBroker, or register MidgeExtension in a static field for a broker per class");
        }
        return shared;
    }

    private BrokerHandle classHandle(ExtensionContext context) {
        BrokerHandle handle = store.classBroker(context, scope(context).settings());
        setCurrent(handle);
        return handle;
    }

    private BrokerHandle methodHandle(ExtensionContext context, BrokerSettings settings) {
        BrokerHandle handle = store.methodBroker(context, settings);
        setCurrent(handle);
        return handle;
    }

    private BrokerScope scope(ExtensionContext context) {
        return programmatic != null
                ? new BrokerScope(programmatic, store.existingClassBroker(context) == null)
                : BrokerScope.annotated(context);
    }

    /**
     * Settings for {@code @RegisterExtension}, the same as {@link MqttBroker}'s attributes.
     */
    public static final class Builder {
        private boolean websocket;
        private boolean tls;
        private Map<String, String> users = Map.of();
        private final Set<Integer> protocolVersions = new TreeSet<>();
        private Set<Reset> reset = EnumSet.allOf(Reset.class);
        private int port;
        private String externalUrl = "";
        private String config = "";
        private boolean virtualTime;
        private boolean persistence;

        private Builder() {
        }

        /**
         * @param enabled whether to add a WebSocket listener
         * @return this builder
         */
        public Builder websocket(boolean enabled) {
            this.websocket = enabled;
            return this;
        }

        /**
         * @param enabled whether to add a TLS listener, and with {@link #websocket(boolean)} a secure WebSocket one
         * @return this builder
         */
        public Builder tls(boolean enabled) {
            this.tls = enabled;
            return this;
        }

        /**
         * @param passwordsByUser accepted users and their passwords
         * @return this builder
         */
        public Builder users(Map<String, String> passwordsByUser) {
            this.users = Map.copyOf(passwordsByUser);
            return this;
        }

        /**
         * The same as {@link MqttBroker#users()}: {@code users("pi:secret", "dashboard:s3cret")}.
         *
         * @param nameColonPassword accepted users, each as {@code "name:password"}
         * @return this builder
         * @throws ExtensionConfigurationException when an entry is not {@code "name:password"}, saying what to write
         */
        public Builder users(String... nameColonPassword) {
            this.users = BrokerSettings.parseUsers(nameColonPassword, "users(\"%s\")");
            return this;
        }

        /**
         * @param versions the protocol levels clients may use: 3, 4, 5
         * @return this builder
         */
        public Builder protocolVersions(int... versions) {
            protocolVersions.clear();
            for (int version : versions) {
                protocolVersions.add(version);
            }
            return this;
        }

        /**
         * @param what what to clear between tests sharing the broker (none for nothing)
         * @return this builder
         */
        public Builder reset(Reset... what) {
            this.reset = Set.copyOf(List.of(what));
            return this;
        }

        /**
         * @param port the TCP port, 0 for a free one
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The same as {@link MqttBroker#config()}.
         *
         * @param resource a Mosquitto-format configuration file on the test class path, e.g. {@code "midge.conf"}
         * @return this builder
         */
        public Builder config(String resource) {
            this.config = resource;
            return this;
        }

        /**
         * The same as {@link MqttBroker#virtualTime()}.
         *
         * @param enabled whether the broker runs on virtual time, moved by {@link BrokerHandle#virtualTime()}
         * @return this builder
         */
        public Builder virtualTime(boolean enabled) {
            this.virtualTime = enabled;
            return this;
        }

        /**
         * The same as {@link MqttBroker#persistence()}.
         *
         * @param enabled whether the broker keeps its state in a store in a temporary directory
         * @return this builder
         */
        public Builder persistence(boolean enabled) {
            this.persistence = enabled;
            return this;
        }

        /**
         * @param url an external broker to test against instead
         * @return this builder
         */
        public Builder externalUrl(String url) {
            this.externalUrl = url;
            return this;
        }

        /**
         * @return the extension
         * @throws ExtensionConfigurationException when a setting is wrong, saying what to write instead
         */
        public MidgeExtension build() {
            return new MidgeExtension(new BrokerSettings(websocket, tls, users, protocolVersions, reset, port,
                    externalUrl.trim(), config.trim(), virtualTime, persistence));
        }
    }
}
