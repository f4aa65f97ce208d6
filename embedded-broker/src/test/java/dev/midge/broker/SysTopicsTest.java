package dev.midge.broker;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.Packet;
import dev.midge.broker.testing.RawMqttClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code $SYS/broker/...}: the broker's statistics, published retained at start and at every interval.
 */
class SysTopicsTest {

    private static final int SYS_TOPICS = 22;
    private static final int MAX_PUBLICATIONS_READ = 200;

    @Test
    void theStatisticsArePublishedRetainedOnMosquittosTopicsAtStart() {
        try (Broker broker = Broker.builder().port(0).sysTopics(Duration.ofHours(1)).start();
             RawMqttClient subscriber = subscriber(broker, "dashboard", "$SYS/broker/#")) {
            Map<String, String> figures = new LinkedHashMap<>();
            for (int i = 0; i < SYS_TOPICS; i++) {
                Packet publish = subscriber.expect(Packet.PUBLISH);
                assertThat(publish.retain()).as("retained").isTrue();
                figures.put(publish.topic(), publish.payloadAsString());
            }

            assertThat(figures).containsOnlyKeys("$SYS/broker/version", "$SYS/broker/uptime",
                    "$SYS/broker/clients/connected", "$SYS/broker/clients/total", "$SYS/broker/subscriptions/count",
                    "$SYS/broker/retained messages/count", "$SYS/broker/store/messages/count",
                    "$SYS/broker/messages/inflight", "$SYS/broker/messages/received", "$SYS/broker/messages/sent",
                    "$SYS/broker/publish/messages/dropped", "$SYS/broker/store/messages/bytes",
                    "$SYS/broker/publish/messages/dropped/queue-full",
                    "$SYS/broker/publish/messages/dropped/memory-budget-exceeded",
                    "$SYS/broker/publish/messages/dropped/client-offline",
                    "$SYS/broker/publish/messages/dropped/slow-consumer",
                    "$SYS/broker/publish/messages/dropped/expired",
                    "$SYS/broker/publish/messages/dropped/packet-too-large",
                    "$SYS/broker/publish/messages/dropped/fault-injected",
                    "$SYS/broker/publish/messages/refused", "$SYS/broker/memory/used", "$SYS/broker/memory/budget");
            assertThat(figures.get("$SYS/broker/version")).startsWith("Midge");
            assertThat(figures.get("$SYS/broker/uptime")).isEqualTo("0 seconds");
            assertThat(figures.get("$SYS/broker/clients/connected")).isEqualTo("0");
            assertThat(figures.get("$SYS/broker/messages/received")).isEqualTo("0");
        }
    }

    @Test
    void theFiguresArePublishedAgainEveryInterval() {
        try (Broker broker = Broker.builder().port(0).sysTopics(Duration.ofMillis(50)).start();
             RawMqttClient subscriber = subscriber(broker, "dashboard", "$SYS/broker/clients/connected")) {
            assertThat(nextPayloadOtherThan("0", subscriber))
                    .as("published after the subscriber connected, not at start").isEqualTo("1");
        }
    }

    @Test
    void theyAreRetainedButNotCountedAsReceivedAndAFilterStartingWithAWildcardMissesThem() {
        try (Broker broker = Broker.builder().port(0).sysTopics(Duration.ofHours(1)).start();
             RawMqttClient everything = subscriber(broker, "everything", "#")) {
            broker.publish(Message.of("raspberry/topic", "marker"));

            assertThat(everything.expect(Packet.PUBLISH).topic()).isEqualTo("raspberry/topic");
            BrokerStatistics statistics = broker.statistics();
            assertThat(statistics.messagesReceived()).isEqualTo(1);
            assertThat(statistics.retainedMessages()).isEqualTo(SYS_TOPICS);
        }
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> Broker.builder().sysTopics(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sysTopics needs an interval of at least 1 ms");
    }

    private static RawMqttClient subscriber(Broker broker, String clientId, String filter) {
        RawMqttClient client = RawMqttClient.connect(broker.port(), ConnectPacket.mqtt311(clientId));
        client.send(MqttPackets.subscribe(1, filter, 0));
        client.expect(Packet.SUBACK);
        return client;
    }

    private static String nextPayloadOtherThan(String old, RawMqttClient subscriber) {
        for (int i = 0; i < MAX_PUBLICATIONS_READ; i++) {
            String payload = subscriber.expect(Packet.PUBLISH).payloadAsString();
            if (!payload.equals(old)) {
                return payload;
            }
        }
        throw new AssertionError("Still " + old + " after " + MAX_PUBLICATIONS_READ + " publications");
    }
}
