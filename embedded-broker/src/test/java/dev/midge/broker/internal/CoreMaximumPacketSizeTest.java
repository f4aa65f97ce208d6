package dev.midge.broker.internal;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.DisconnectReason;
import dev.midge.broker.DropReason;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import org.junit.jupiter.api.Test;

import static dev.midge.broker.internal.CoreFixture.attempt;
import static dev.midge.broker.internal.CoreFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's MQTT 5 Maximum Packet Size in the core alone: what its link refuses as too large is dropped, reported
 * and counted, and a QoS 1 or 2 message so dropped is done with, as if it had been delivered.
 */
class CoreMaximumPacketSizeTest {

    private static final Message SMALL = message("cmd", "ok", QoS.AT_LEAST_ONCE);
    private static final Message LARGE = message("cmd", "a payload longer than the client accepts", QoS.AT_LEAST_ONCE);

    private final CoreFixture broker = new CoreFixture();

    @Test
    void aMessageLargerThanTheClientAcceptsIsDroppedReportedAndCounted() {
        // MQTT-3.1.2-24
        CoreFixture.Client subscriber = broker.connect(attempt("subscriber", true, 0, null, 0), limitedToSmall());
        broker.subscribe(subscriber, "cmd", QoS.AT_MOST_ONCE);

        broker.core.publish(LARGE.withQos(QoS.AT_MOST_ONCE));
        broker.core.publish(SMALL.withQos(QoS.AT_MOST_ONCE));

        assertThat(subscriber.link().texts()).containsExactly("ok");
        assertThat(broker.events(BrokerEvent.MessageDropped.class)).singleElement().satisfies(drop -> {
            assertThat(drop.clientId()).isEqualTo("subscriber");
            assertThat(drop.reason()).isEqualTo(DropReason.PACKET_TOO_LARGE);
            assertThat(drop.message().payload()).isEqualTo(LARGE.payload());
        });
        assertThat(broker.core.inventory().statistics().messagesDroppedByReason())
                .containsEntry(DropReason.PACKET_TOO_LARGE, 1L);
        assertThat(broker.events(BrokerEvent.MessageDelivered.class)).hasSize(1);
    }

    @Test
    void aQos1MessageTooLargeForTheClientLeavesItsInFlightSlotFreeForTheNext() {
        // MQTT-3.1.2-25
        RecordingLink link = limitedToSmall();
        link.receiveMaximum = 1;
        CoreFixture.Client subscriber = broker.connect(attempt("subscriber", true, 0, null, 0), link);
        broker.subscribe(subscriber, "cmd", QoS.AT_LEAST_ONCE);

        broker.core.publish(LARGE);
        broker.core.publish(SMALL);

        assertThat(subscriber.link().published).singleElement().satisfies(sent -> {
            assertThat(sent.text()).isEqualTo("ok");
            assertThat(sent.packetId()).isPositive();
        });
    }

    @Test
    void aRetainedMessageTooLargeForANewSubscriberIsDroppedForItAlone() {
        broker.core.publish(LARGE.withRetain(true));
        CoreFixture.Client small = broker.connect(attempt("small", true, 0, null, 0), limitedToSmall());
        CoreFixture.Client unlimited = broker.connect("unlimited");

        broker.subscribe(small, "cmd", QoS.AT_LEAST_ONCE);
        broker.subscribe(unlimited, "cmd", QoS.AT_LEAST_ONCE);

        assertThat(small.link().published).isEmpty();
        assertThat(unlimited.link().published).hasSize(1);
        assertThat(broker.events(BrokerEvent.MessageDropped.class)).singleElement()
                .satisfies(drop -> assertThat(drop.clientId()).isEqualTo("small"));
    }

    @Test
    void anUnacknowledgedMessageIsDroppedNotResentWhenTheClientReturnsAcceptingLessThanItsSize() {
        // MQTT-3.1.2-24, MQTT-3.1.2-25
        CoreFixture.Client first = broker.connect(attempt("device", false, 3600, null, 0));
        broker.subscribe(first, "cmd", QoS.AT_LEAST_ONCE);
        broker.core.publish(LARGE);
        broker.core.publish(SMALL);
        broker.disconnect(first, DisconnectReason.CONNECTION_LOST, false);

        CoreFixture.Client back = broker.connect(attempt("device", false, 3600, null, 0), limitedToSmall());

        assertThat(back.link().published).singleElement().satisfies(sent -> {
            assertThat(sent.text()).isEqualTo("ok");
            assertThat(sent.duplicate()).isTrue();
        });
        assertThat(broker.events(BrokerEvent.MessageDropped.class)).singleElement()
                .satisfies(drop -> assertThat(drop.reason()).isEqualTo(DropReason.PACKET_TOO_LARGE));
        broker.core.acknowledged(back.session(), back.link().last().packetId());
        broker.disconnect(back, DisconnectReason.CONNECTION_LOST, false);
        CoreFixture.Client again = broker.connect(attempt("device", false, 3600, null, 0));
        assertThat(again.link().published).isEmpty();
    }

    /** @return a link to an MQTT 5 client whose Maximum Packet Size admits {@link #SMALL} and not {@link #LARGE} */
    private static RecordingLink limitedToSmall() {
        RecordingLink link = new RecordingLink(ProtocolVersion.MQTT_5);
        link.maximumPacketSize = RecordingLink.packetSize(SMALL);
        return link;
    }
}
