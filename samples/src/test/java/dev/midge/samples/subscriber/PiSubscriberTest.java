package dev.midge.samples.subscriber;

import dev.midge.broker.Transport;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;

import java.net.URI;

/**
 * The Pi's subscriber over MQTT's usual TCP transport.
 */
@MqttBroker(virtualTime = true)
class PiSubscriberTest extends SubscriberContract {

    @Override
    URI address(BrokerHandle broker) {
        return broker.uri();
    }

    @Override
    Transport transport() {
        return Transport.TCP;
    }
}
