package dev.midge.samples.subscriber;

import dev.midge.broker.Transport;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;

import java.net.URI;

/**
 * The same subscriber tests, with the subscriber connecting over MQTT over WebSocket ({@code ws://host:port/mqtt}),
 * as a web dashboard would.
 */
@MqttBroker(websocket = true, virtualTime = true)
class PiSubscriberOverWebSocketTest extends SubscriberContract {

    @Override
    URI address(BrokerHandle broker) {
        return broker.websocketUri();
    }

    @Override
    Transport transport() {
        return Transport.WEBSOCKET;
    }
}
