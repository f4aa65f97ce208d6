package dev.midge.junit.assertions;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static dev.midge.junit.MqttAssertions.assertThat;
import static dev.midge.junit.assertions.BrokerWithClients.SHORT;
import static dev.midge.junit.assertions.BrokerWithClients.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The failure message of {@code payloadsInOrder(...)} points at the first position where the payloads differ, keeps
 * its first line short however many payloads are expected, and lists both sequences whole underneath.
 */
class PayloadOrderFailuresTest {

    private static final BrokerWithClients mqtt = new BrokerWithClients();
    private static MqttClient pi;

    @BeforeAll
    static void connect() throws Exception {
        MqttConnectOptions options = new MqttConnectOptions();
        // At its default of 10 in flight, Paho 1.2.5 refused bursts of synchronous QoS 1 publishes here with
        // "Too many publishes in progress".
        options.setMaxInflight(1000);
        pi = mqtt.connect("pi-1", options);
    }

    @BeforeEach
    void forgetEarlierTraffic() {
        mqtt.forgetTraffic();
    }

    @AfterAll
    static void close() throws Exception {
        mqtt.close();
    }

    private static void publishAll(List<String> payloads) throws Exception {
        for (String payload : payloads) {
            publish(pi, "raspberry/topic", payload);
        }
    }

    private static String failureOf(String... expected) {
        return catchThrowableOfType(AssertionError.class, () -> assertThat(mqtt.broker).within(SHORT).received()
                .onTopic("raspberry/topic").payloadsInOrder(expected)).getMessage();
    }

    @Test
    void twoSwappedPayloadsAreNamedAtTheFirstIndexWhereTheyDiffer() throws Exception {
        publishAll(List.of("0", "2", "1", "3", "4"));

        String message = failureOf("0", "1", "2", "3", "4");

        assertThat(message).startsWith("Expected the payloads \"0\", \"1\", \"2\", \"3\", \"4\" in this order and no"
                + " others on topic raspberry/topic within 200ms, but at index 1 \"2\" arrived where \"1\" was"
                + " expected (5 arrived).\n\nPayloads by position, expected | received:\n"
                + "    0  \"0\"     |  \"0\"\n"
                + "  ≠ 1  \"1\"     |  \"2\"\n"
                + "  ≠ 2  \"2\"     |  \"1\"\n"
                + "    3  \"3\"     |  \"3\"\n"
                + "    4  \"4\"     |  \"4\"\n\n"
                + "Broker traffic, oldest first:");
    }

    @Test
    void anExtraPayloadAfterTheExpectedOnesIsNamedUnexpected() throws Exception {
        publishAll(List.of("0", "1", "2", "3"));

        String message = failureOf("0", "1", "2");

        assertThat(message)
                .startsWith("Expected the payloads \"0\", \"1\", \"2\" in this order and no others on topic"
                        + " raspberry/topic within 200ms, but at index 3 an unexpected extra \"3\" arrived"
                        + " (4 arrived).")
                .contains("\n  ≠ 3  (none)  |  \"3\"\n");
    }

    @Test
    void aMissingPayloadIsShownAsNoneOnTheReceivedSide() throws Exception {
        publishAll(List.of("0", "1"));

        assertThat(failureOf("0", "1", "2"))
                .contains("but at index 2 \"2\" is missing (2 arrived).")
                .contains("\n  ≠ 2  \"2\"     |  (none)\n");
    }

    @Test
    void twoHundredExpectedLinesKeepTheFirstLineShortAndAreListedWholeBelowIt() throws Exception {
        List<String> expected = IntStream.range(0, 200).mapToObj(i -> "line " + i).toList();
        List<String> sent = new ArrayList<>(expected);
        Collections.swap(sent, 117, 118);
        publishAll(sent);

        String message = failureOf(expected.toArray(String[]::new));

        String firstLine = message.substring(0, message.indexOf('\n'));
        assertThat(firstLine)
                .hasSizeLessThan(300)
                .startsWith("Expected the payloads \"line 0\", \"line 1\", ")
                .contains(", … (200 payloads) in this order and no others on topic raspberry/topic")
                .endsWith("but at index 117 \"line 118\" arrived where \"line 117\" was expected (200 arrived).");
        assertThat(message)
                .contains("\n      0  \"line 0\"    |  \"line 0\"\n")
                .contains("\n  ≠ 117  \"line 117\"  |  \"line 118\"\n")
                .contains("\n  ≠ 118  \"line 118\"  |  \"line 117\"\n")
                .contains("\n    199  \"line 199\"  |  \"line 199\"\n");
    }

    @Test
    void payloadsThatLookAlikeWhenCutShortSayFromWhichByteTheyDiffer() throws Exception {
        String prefix = "x".repeat(45);
        publishAll(List.of(prefix + "received"));

        assertThat(failureOf(prefix + "expected"))
                .contains("but at index 0 \"" + "x".repeat(40) + "…\" (53 bytes) arrived where \"" + "x".repeat(40)
                        + "…\" (53 bytes) was expected (they differ from byte 45 on) (1 arrived).");
    }
}
