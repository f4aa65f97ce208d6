package dev.midge.junit.assertions;

import dev.midge.broker.QoS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.midge.junit.MqttAssertions.assertThat;
import static dev.midge.junit.assertions.BrokerWithClients.SHORT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whether the broker published a client's will, and with which topic, payload, QoS and retain flag.
 */
class WillsTest {

    private final BrokerWithClients mqtt = new BrokerWithClients();

    @AfterEach
    void close() throws Exception {
        mqtt.close();
    }

    @Test
    void theWillOfAClientWhoseConnectionDroppedIsFound() throws Exception {
        mqtt.connectWithWill("pi-1", "raspberry/status", "Off", 1, true);
        mqtt.broker.faults().dropConnection("pi-1");

        assertThat(mqtt.broker).publishedWillOf("pi-1").onTopic("raspberry/status").withPayload("Off")
                .withQos(QoS.AT_LEAST_ONCE).retained();
    }

    @Test
    void aCleanDisconnectionFailsTheWillShowingHowTheClientDisconnected() throws Exception {
        mqtt.connectWithWill("pi-1", "raspberry/status", "Off", 1, true).disconnect();

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).publishedWillOf("pi-1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the broker to publish the will of client pi-1 within 200ms,"
                        + " but it published none.\n\nHow client pi-1 disconnected (a DISCONNECT packet discards"
                        + " the will):\n  ")
                .hasMessageFindingMatch("pi-1 +→ DISCONNECT +CLIENT_DISCONNECTED");
    }

    @Test
    void aWillWithAnotherPayloadFailsShowingThePublishedWill() throws Exception {
        mqtt.connectWithWill("pi-1", "raspberry/status", "Offline", 0, false);
        mqtt.broker.faults().dropConnection("pi-1");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).publishedWillOf("pi-1")
                .onTopic("raspberry/status").withPayload("Off"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the broker to publish the will of client pi-1 on topic"
                        + " raspberry/status with payload \"Off\" within 200ms, but the one it published does not"
                        + " match:\n  ")
                .hasMessageFindingMatch("pi-1 +WILL +raspberry/status qos=0 retain=false \"Offline\"  — different"
                        + " payload");
    }

    @Test
    void aWillOnAnotherTopicFailsNamingItsTopic() throws Exception {
        mqtt.connectWithWill("pi-1", "raspberry/state", "Off", 0, false);
        mqtt.broker.faults().dropConnection("pi-1");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).publishedWillOf("pi-1")
                .onTopic("raspberry/status"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the broker to publish the will of client pi-1 on topic"
                        + " raspberry/status within 200ms, but the one it published does not match:")
                .hasMessageFindingMatch("WILL +raspberry/state qos=0 retain=false \"Off\"  — topic is"
                        + " raspberry/state");
    }

    @Test
    void aWillPublishedWithoutRetainFailsRetained() throws Exception {
        mqtt.connectWithWill("pi-1", "raspberry/status", "{\"status\": \"Off\"}", 1, false);
        mqtt.broker.faults().dropConnection("pi-1");

        assertThat(mqtt.broker).publishedWillOf("pi-1").withJsonPayload("{\"status\":\"Off\"}");
        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).publishedWillOf("pi-1").retained())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the broker to publish the will of client pi-1 with the retain"
                        + " flag within 200ms, but the one it published does not match:")
                .hasMessageFindingMatch("WILL +raspberry/status qos=1 retain=false .*  — retain flag not set");
    }
}
