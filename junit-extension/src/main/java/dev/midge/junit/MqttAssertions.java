package dev.midge.junit;

import dev.midge.junit.assertions.BrokerAssert;

/**
 * The entry point of the broker assertions, to import statically beside AssertJ's own {@code assertThat}:
 *
 * <pre>{@code
 * import static dev.midge.junit.MqttAssertions.assertThat;
 *
 * assertThat(broker).received().onTopic("raspberry/topic").messages(5);
 * assertThat(broker).hasDisconnectedClient("pi-1").abruptly();
 * assertThat(broker).publishedWillOf("pi-1").onTopic("raspberry/status").withPayload("Off");
 * }</pre>
 *
 * <p>Every assertion waits until it holds, up to {@link BrokerHandle#assertionTimeout()} (5 s unless the JUnit
 * configuration parameter {@code midge.assertions.timeout} says otherwise) unless a {@code within(...)} earlier in the
 * chain says otherwise; see {@link BrokerAssert}.
 */
public final class MqttAssertions {

    private MqttAssertions() {
    }

    /**
     * @param broker the broker of the test, e.g. injected by {@link MqttBroker}
     * @return assertions on what the broker saw and holds
     */
    public static BrokerAssert assertThat(BrokerHandle broker) {
        return new BrokerAssert(broker);
    }
}
