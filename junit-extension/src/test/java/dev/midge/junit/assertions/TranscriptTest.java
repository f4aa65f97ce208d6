package dev.midge.junit.assertions;

import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.ConnectCode;
import dev.midge.broker.DisconnectReason;
import dev.midge.broker.DropReason;
import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.QoS;
import dev.midge.broker.Transport;
import dev.midge.broker.UserProperty;
import dev.midge.junit.Recording;
import dev.midge.junit.internal.EmbeddedBrokerHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transcript that ends every failure message: one readable line per recorded event, the most recent ones only.
 */
class TranscriptTest {

    private static final Instant NOON = Instant.parse("2024-05-01T12:00:01.123Z");
    private static final String TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault())
            .format(NOON);

    private final EmbeddedBrokerHandle broker = new EmbeddedBrokerHandle(Broker.builder().port(0).start());

    @AfterEach
    void close() {
        broker.close();
    }

    private static Message message(String topic, String payload, QoS qos, boolean retain) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain, MessageProperties.NONE);
    }

    @Test
    void everyKindOfEventReadsAsOneLine() {
        Message reading = message("raspberry/topic", "21.5", QoS.AT_LEAST_ONCE, false);
        Message will = message("raspberry/status", "{\"status\":\"Off\"}", QoS.AT_LEAST_ONCE, true);
        Recording recording = broker.recording();
        recording.record(new BrokerEvent.ClientConnected(NOON, "pi-1", 5, true, false, "pi", Transport.TCP, 60));
        recording.record(new BrokerEvent.ConnectionRefused(NOON, "pi-2", ConnectCode.NOT_AUTHORIZED));
        recording.record(new BrokerEvent.Subscribed(NOON, "subscriber", "raspberry/#", QoS.EXACTLY_ONCE,
                QoS.AT_LEAST_ONCE));
        recording.record(new BrokerEvent.SubscriptionRefused(NOON, "subscriber", "secret/#", "not authorised"));
        recording.record(new BrokerEvent.MessagePublished(NOON, "pi-1", reading, 1));
        recording.record(new BrokerEvent.PublishRefused(NOON, "pi-1", message("$SYS/broker/version", "forged",
                QoS.AT_LEAST_ONCE, false), "$SYS topics are read-only for clients"));
        recording.record(new BrokerEvent.MessageDelivered(NOON, "subscriber", reading, true));
        recording.record(new BrokerEvent.MessageDropped(NOON, "subscriber", reading, DropReason.QUEUE_FULL));
        recording.record(new BrokerEvent.MessagePublished(NOON, null, reading, 0));
        recording.record(new BrokerEvent.Unsubscribed(NOON, "subscriber", "raspberry/#", true));
        recording.record(new BrokerEvent.ClientDisconnected(NOON, "pi-1", DisconnectReason.KEEP_ALIVE_TIMEOUT, ""));
        recording.record(new BrokerEvent.WillPublished(NOON, "pi-1", will, 0));
        recording.record(new BrokerEvent.ClientDisconnected(NOON, "subscriber",
                DisconnectReason.CLIENT_DISCONNECTED, "bye"));

        assertThat(Transcript.of(broker)).isEqualTo(String.join("\n",
                "Broker traffic, oldest first:",
                "  " + TIME + "  pi-1        → CONNECT     v5 clean keepAlive=60s tcp user=pi",
                "  " + TIME + "  pi-2        ← REFUSED     NOT_AUTHORIZED",
                "  " + TIME + "  subscriber  → SUBSCRIBE   raspberry/# qos=2 granted=1",
                "  " + TIME + "  subscriber  → SUBSCRIBE   secret/# refused: not authorised",
                "  " + TIME + "  pi-1        → PUBLISH     raspberry/topic qos=1 retain=false \"21.5\"",
                "  " + TIME + "  pi-1        → REFUSED     $SYS/broker/version qos=1 retain=false \"forged\""
                        + " ($SYS topics are read-only for clients)",
                "  " + TIME + "  subscriber  ← DELIVER     raspberry/topic qos=1 retain=false \"21.5\" dup",
                "  " + TIME + "  subscriber    DROPPED     raspberry/topic qos=1 retain=false \"21.5\""
                        + " reason=QUEUE_FULL",
                "  " + TIME + "  (broker)    → PUBLISH     raspberry/topic qos=1 retain=false \"21.5\"",
                "  " + TIME + "  subscriber  → UNSUBSCRIBE raspberry/#",
                "  " + TIME + "  pi-1          DISCONNECT  KEEP_ALIVE_TIMEOUT",
                "  " + TIME + "  pi-1          WILL        raspberry/status qos=1 retain=true \"{\"status\":\"Off\"}\"",
                "  " + TIME + "  subscriber  → DISCONNECT  CLIENT_DISCONNECTED (bye)"));
    }

    @Test
    void aBridgeGoingUpAndDownReadsAsOneLineEach() {
        Recording recording = broker.recording();
        recording.record(new BrokerEvent.BridgeConnected(NOON, "local.pi", "cloud", "broker.example.com:8883", 5,
                false));
        recording.record(new BrokerEvent.BridgeDisconnected(NOON, "local.pi", "cloud",
                "the upstream closed the connection"));

        assertThat(Transcript.of(broker))
                .contains(TIME + "  local.pi    BRIDGE UP   cloud to broker.example.com:8883")
                .contains(TIME + "  local.pi    BRIDGE DOWN cloud (the upstream closed the connection)");
    }

    @Test
    void longPayloadsAreAbbreviatedAndBinaryOnesShownInHex() {
        broker.recording().record(new BrokerEvent.MessagePublished(NOON, "pi-1",
                message("camera/frame", "x".repeat(100), QoS.AT_MOST_ONCE, false), 0));
        broker.recording().record(new BrokerEvent.MessagePublished(NOON, "pi-1", new Message("serial/raw",
                new byte[] {0x02, (byte) 0xFF}, QoS.AT_MOST_ONCE, false, MessageProperties.NONE), 0));

        assertThat(Transcript.of(broker))
                .contains("camera/frame qos=0 retain=false \"" + "x".repeat(40) + "…\" (100 bytes)")
                .contains("serial/raw qos=0 retain=false 0x02 ff");
    }

    @Test
    void theMqtt5PropertiesOfAMessageFollowItsPayload() {
        MessageProperties properties = new MessageProperties(1, 60L, "application/json", "replies/pi",
                "req-42".getBytes(StandardCharsets.UTF_8), List.of(new UserProperty("unit", "C"),
                new UserProperty("unit", "F")));
        broker.recording().record(new BrokerEvent.MessagePublished(NOON, "pi-1",
                message("sensors/pi/temp", "21.5", QoS.AT_LEAST_ONCE, false).withProperties(properties), 1));

        assertThat(Transcript.of(broker)).endsWith("→ PUBLISH     sensors/pi/temp qos=1 retain=false \"21.5\""
                + " {payloadFormat=1, expiry=60s, contentType=application/json, responseTopic=replies/pi,"
                + " correlationData=\"req-42\", userProperties=[unit=C, unit=F]}");
    }

    @Test
    void onlyTheLastEventsAreShownSayingHowManyAreNot() {
        for (int i = 0; i < Transcript.SHOWN_EVENTS + 5; i++) {
            broker.recording().record(new BrokerEvent.MessagePublished(NOON, "pi-1",
                    message("raspberry/topic", "reading " + i, QoS.AT_MOST_ONCE, false), 0));
        }

        String transcript = Transcript.of(broker);

        assertThat(transcript.lines()).hasSize(2 + Transcript.SHOWN_EVENTS);
        assertThat(transcript).startsWith("Broker traffic, oldest first:\n  … 5 earlier events not shown\n")
                .doesNotContain("\"reading 4\"").contains("\"reading 5\"").endsWith("\"reading 34\"");
    }

    @Test
    void theWholeTranscriptShowsEveryEvent() {
        for (int i = 0; i < Transcript.SHOWN_EVENTS + 5; i++) {
            broker.recording().record(new BrokerEvent.MessagePublished(NOON, "pi-1",
                    message("raspberry/topic", "reading " + i, QoS.AT_MOST_ONCE, false), 0));
        }

        String transcript = Transcript.whole(broker);

        assertThat(transcript.lines()).hasSize(1 + Transcript.SHOWN_EVENTS + 5);
        assertThat(transcript).startsWith("Broker traffic, oldest first:\n  " + TIME)
                .contains("\"reading 0\"").endsWith("\"reading 34\"");
    }

    @Test
    void eventsTheRecordingForgotAreCounted() {
        for (int i = 0; i < Recording.CAPACITY + 3; i++) {
            broker.recording().record(new BrokerEvent.MessagePublished(NOON, "pi-1",
                    message("raspberry/topic", Integer.toString(i), QoS.AT_MOST_ONCE, false), 0));
        }

        assertThat(Transcript.of(broker)).contains("… " + (Recording.CAPACITY - Transcript.SHOWN_EVENTS)
                + " earlier events not shown, 3 older ones forgotten by the recording");
    }

    @Test
    void anEmptyRecordingSaysSo() {
        assertThat(Transcript.of(broker)).isEqualTo("Broker traffic: nothing recorded.");
    }
}
