package dev.midge.junit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test broker configured by a Mosquitto-format file from the test class path: its keep-alive limit and ACL apply,
 * its listener does not.
 */
@MqttBroker(config = "midge/paho.conf")
class ConfigFileTest {

    @Test
    void theFilesListenerIsNotUsedSoTestsGetAFreePort(BrokerHandle broker) {
        assertThat(broker.uri().getPort()).isNotEqualTo(1883);
    }

    @Test
    void theFilesMaxKeepAliveBecomesTheServerKeepAlive(MqttClients clients) throws Exception {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setKeepAliveInterval(120);
        IMqttToken connected = clients.v5Unconnected("paho").connectWithResult(options);

        assertThat(connected.getResponseProperties().getServerKeepAlive()).isEqualTo(60);
    }

    @Test
    void theFilesAclRefusesItsDeniedFilterAndGrantsTheRest(MqttClients clients) throws Exception {
        MqttClient client = clients.v5("paho");

        assertThat(client.subscribe("test/nosubscribe", 2).getReasonCodes()).containsExactly(0x80);
        assertThat(client.subscribe("test/other", 2).getReasonCodes()).containsExactly(2);
    }
}
