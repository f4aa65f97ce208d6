package dev.midge.broker.bridge;

import dev.midge.broker.Bridge;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.QoS;
import dev.midge.broker.internal.tls.TestKeys;
import dev.midge.broker.internal.tls.TestKeys.Algorithm;
import dev.midge.broker.internal.tls.TestKeys.Form;
import dev.midge.broker.testing.EventRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over TLS a bridge checks that the upstream's certificate names the host it connected to, as HTTPS clients do,
 * unless it is insecure (Mosquitto's {@code bridge_insecure}); the certificate must be trusted either way. The
 * upstream here presents a trusted certificate, made afresh, for {@code elsewhere.example} only.
 */
class BridgeHostNameTest {

    private final BridgedPair pair = new BridgedPair();

    @TempDir
    Path files;

    private Path certificate;
    private Path key;

    @BeforeEach
    void writeCertificateForElsewhere() throws Exception {
        TestKeys keys = TestKeys.generate(Algorithm.EC_P256);
        certificate = Files.writeString(files.resolve("elsewhere.crt"),
                TestKeys.pem(keys.certificateFor("elsewhere.example")));
        key = Files.writeString(files.resolve("elsewhere.key"), keys.privateKeyPem(Form.PKCS8));
    }

    @AfterEach
    void tearDown() {
        pair.close();
    }

    @Test
    void aBridgeNeverConnectsToAnUpstreamWhoseCertificateNamesAnotherHost() {
        startUpstreamAsElsewhere();
        Bridge bridge = BridgedPair.bridgeTo("localhost:" + pair.upstream().tlsPort())
                .trustedCertificates(certificate)
                .topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE).build();
        pair.startEdge(bridge, b -> b);
        EventRecorder events = EventRecorder.on(pair.edge());

        BrokerEvent.BridgeDisconnected failed = events.await(BrokerEvent.BridgeDisconnected.class, e -> true);

        assertThat(failed.reason()).startsWith("cannot connect to localhost:" + pair.upstream().tlsPort() + ": ")
                .contains("localhost");
        assertThat(pair.upstream().connectedClients()).doesNotContain(BridgedPair.REMOTE_CLIENT_ID);
    }

    @Test
    void anInsecureBridgeConnectsToAnUpstreamWhoseTrustedCertificateNamesAnotherHost() {
        startUpstreamAsElsewhere();
        Bridge bridge = BridgedPair.bridgeTo("localhost:" + pair.upstream().tlsPort())
                .trustedCertificates(certificate).insecure(true)
                .topic("pi/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE).build();
        pair.startEdge(bridge, b -> b);

        pair.awaitConnected(bridge);
        assertThat(pair.upstream().connectedClients()).contains(BridgedPair.REMOTE_CLIENT_ID);
    }

    private void startUpstreamAsElsewhere() {
        pair.startUpstream(b -> b.tlsPort(0).tlsCertificate(certificate, key));
    }
}
