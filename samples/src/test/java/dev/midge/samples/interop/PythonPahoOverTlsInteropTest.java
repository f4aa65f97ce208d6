package dev.midge.samples.interop;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttBroker;
import dev.midge.junit.MqttClients;
import dev.midge.samples.testing.Inbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.midge.junit.MqttAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Python paho-mqtt publisher connects over TLS, checking the broker's self-signed certificate against the CA file
 * the test hands it, as a Pi talking to a TLS broker on port 8883 would.
 */
@Tag("interop")
@MqttBroker(tls = true)
class PythonPahoOverTlsInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Test
    void thePythonPublisherReachesAJavaSubscriberOverTls(BrokerHandle broker, MqttClients clients,
                                                          @TempDir Path files) throws Exception {
        Inbox received = new Inbox();
        clients.v3OverTls("java-subscriber").subscribe("raspberry/topic", 1, received);
        Path caFile = broker.certificate().writePem(files.resolve("midge-ca.pem"));

        try (ExternalProgram publisher = PythonPaho.run("pi_publisher.py", broker.host(),
                String.valueOf(broker.tlsUri().getPort()), "python-over-tls", "1", caFile.toString())) {
            publisher.awaitSuccess(TIMEOUT);
        }

        assertThat(received.next(5, TIMEOUT)).containsExactly("raspberry/topic 0", "raspberry/topic 1",
                "raspberry/topic 2", "raspberry/topic 3", "raspberry/topic 4");
        assertThat(broker).hasDisconnectedClient("python-over-tls").cleanly();
    }
}
