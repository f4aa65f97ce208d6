package dev.midge.broker.bridge;

import dev.midge.broker.Bridge;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.QoS;
import dev.midge.broker.testing.EventRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over TLS a bridge checks that the upstream's certificate names the host it connected to, as HTTPS clients do,
 * unless it is insecure (Mosquitto's {@code bridge_insecure}); the certificate must be trusted either way. The
 * upstream here presents a trusted certificate for {@code elsewhere.example} only, made by OpenSSL 3.
 */
class BridgeHostNameTest {

    private final BridgedPair pair = new BridgedPair();

    @AfterEach
    void tearDown() {
        pair.close();
    }

    @Test
    void aBridgeNeverConnectsToAnUpstreamWhoseCertificateNamesAnotherHost() throws Exception {
        startUpstreamAsElsewhere();
        Bridge bridge = BridgedPair.bridgeTo("localhost:" + pair.upstream().tlsPort())
                .trustedCertificates(resource("elsewhere.crt"))
                .topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE).build();
        pair.startEdge(bridge, b -> b);
        EventRecorder events = EventRecorder.on(pair.edge());

        BrokerEvent.BridgeDisconnected failed = events.await(BrokerEvent.BridgeDisconnected.class, e -> true);

        assertThat(failed.reason()).startsWith("cannot connect to localhost:" + pair.upstream().tlsPort() + ": ")
                .contains("localhost");
        assertThat(pair.upstream().connectedClients()).doesNotContain(BridgedPair.REMOTE_CLIENT_ID);
    }

    @Test
    void anInsecureBridgeConnectsToAnUpstreamWhoseTrustedCertificateNamesAnotherHost() throws Exception {
        startUpstreamAsElsewhere();
        Bridge bridge = BridgedPair.bridgeTo("localhost:" + pair.upstream().tlsPort())
                .trustedCertificates(resource("elsewhere.crt")).insecure(true)
                .topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE).build();
        pair.startEdge(bridge, b -> b);

        pair.awaitConnected(bridge);
        assertThat(pair.upstream().connectedClients()).contains(BridgedPair.REMOTE_CLIENT_ID);
    }

    private void startUpstreamAsElsewhere() throws URISyntaxException {
        Path certificate = resource("elsewhere.crt");
        Path key = resource("elsewhere.key");
        pair.startUpstream(b -> b.tlsPort(0).tlsCertificate(certificate, key));
    }

    private static Path resource(String file) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(BridgeHostNameTest.class.getResource(file), file).toURI());
    }
}
