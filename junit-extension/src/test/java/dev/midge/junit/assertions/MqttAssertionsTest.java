package dev.midge.junit.assertions;

import dev.midge.broker.Message;
import dev.midge.junit.BrokerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The entry point lives beside AssertJ's: both {@code assertThat} can be imported statically in one test, and a
 * description given with {@code as(...)} carries through the chain.
 */
class MqttAssertionsTest {

    private static final BrokerWithClients mqtt = new BrokerWithClients();

    @BeforeEach
    void forgetEarlierTraffic() {
        mqtt.forgetTraffic();
    }

    @AfterAll
    static void close() throws Exception {
        mqtt.close();
    }

    @Test
    void theBrokerAssertionsAndAssertJsOwnAreImportedTogether() {
        BrokerHandle broker = mqtt.broker;
        broker.publish("raspberry/topic", "21.5");

        List<Message> received = broker.receivedMessages();
        assertThat(received).hasSize(1);
        assertThat(broker).received().onTopic("raspberry/topic").once();
    }

    @Test
    void aDescriptionPrefixesTheFailureMessage() {
        assertThatThrownBy(() -> assertThat(mqtt.broker).as("the sensor readings").within(BrokerWithClients.SHORT)
                .received().onTopic("sensors/temp").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("[the sensor readings] Expected exactly 1 message on topic sensors/temp");
    }
}
