package dev.midge.broker.internal;

import dev.midge.broker.DisconnectReason;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.midge.broker.internal.CoreFixture.attempt;
import static dev.midge.broker.internal.CoreFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing, QoS flows and retained messages in the core alone: clients are recording links, no socket is opened and
 * every step happens on the test's thread.
 */
class CoreRoutingTest {

    private final CoreFixture broker = new CoreFixture();

    @Test
    void aQos0MessageReachesOnlyTheMatchingSubscribers() {
        CoreFixture.Client sensors = broker.connect("sensors");
        CoreFixture.Client others = broker.connect("others");
        CoreFixture.Client publisher = broker.connect("publisher");
        broker.subscribe(sensors, "sensors/+", QoS.AT_MOST_ONCE);
        broker.subscribe(others, "other/#", QoS.AT_MOST_ONCE);

        PublishOutcome outcome = broker.core.publish(publisher.session(),
                message("sensors/t1", "21.5", QoS.AT_MOST_ONCE));

        assertThat(outcome).isEqualTo(PublishOutcome.ROUTED);
        assertThat(sensors.link().texts()).containsExactly("21.5");
        assertThat(sensors.link().last().packetId()).isZero();
        assertThat(others.link().published).isEmpty();
        assertThat(publisher.link().published).isEmpty();
    }

    @Test
    void aMessageNobodySubscribesToIsAcceptedAndReportedAsSuch() {
        CoreFixture.Client publisher = broker.connect("publisher");

        assertThat(broker.core.publish(publisher.session(), message("nobody", "x", QoS.AT_LEAST_ONCE)))
                .isEqualTo(PublishOutcome.NO_SUBSCRIBERS);
    }

    @Test
    void aMessageIsDeliveredAtTheLowerOfItsQosAndTheGrantedQos() {
        // MQTT-3.8.4-8
        CoreFixture.Client subscriber = broker.connect("subscriber");
        broker.subscribe(subscriber, "a", QoS.AT_LEAST_ONCE);

        broker.core.publish(message("a", "two", QoS.EXACTLY_ONCE));
        broker.core.publish(message("a", "zero", QoS.AT_MOST_ONCE));

        assertThat(subscriber.link().published).extracting(sent -> sent.message().qos())
                .containsExactly(QoS.AT_LEAST_ONCE, QoS.AT_MOST_ONCE);
    }

    @Test
    void anUnacknowledgedQos1MessageIsResentWithItsPacketIdentifierAndDupWhenTheSessionResumes() {
        // MQTT-4.4.0-1, MQTT-3.3.1-1
        CoreFixture.Client first = broker.connect(attempt("device", false, 3600, null, 0));
        broker.subscribe(first, "cmd", QoS.AT_LEAST_ONCE);
        broker.core.publish(message("cmd", "reboot", QoS.AT_LEAST_ONCE));
        int packetId = first.link().last().packetId();
        broker.disconnect(first, DisconnectReason.CONNECTION_LOST, false);

        CoreFixture.Client second = broker.connect(attempt("device", false, 3600, null, 0));

        assertThat(packetId).isPositive();
        assertThat(second.session()).isSameAs(first.session());
        assertThat(second.link().published).singleElement().satisfies(sent -> {
            assertThat(sent.packetId()).isEqualTo(packetId);
            assertThat(sent.duplicate()).isTrue();
            assertThat(sent.text()).isEqualTo("reboot");
        });
    }

    @Test
    void anAcknowledgedQos1MessageIsNotResent() {
        CoreFixture.Client first = broker.connect(attempt("device", false, 3600, null, 0));
        broker.subscribe(first, "cmd", QoS.AT_LEAST_ONCE);
        broker.core.publish(message("cmd", "reboot", QoS.AT_LEAST_ONCE));
        broker.core.acknowledged(first.session(), first.link().last().packetId());
        broker.disconnect(first, DisconnectReason.CONNECTION_LOST, false);

        CoreFixture.Client second = broker.connect(attempt("device", false, 3600, null, 0));

        assertThat(second.link().published).isEmpty();
    }

    @Test
    void anOutgoingQos2MessageIsReleasedAfterPubrecAndFreesItsWindowSlotAtPubcomp() {
        CoreFixture.Client subscriber = broker.connect("subscriber");
        subscriber.link().receiveMaximum = 1;
        broker.subscribe(subscriber, "a", QoS.EXACTLY_ONCE);
        broker.core.publish(message("a", "first", QoS.EXACTLY_ONCE));
        broker.core.publish(message("a", "second", QoS.EXACTLY_ONCE));
        int firstId = subscriber.link().last().packetId();

        assertThat(subscriber.link().texts()).containsExactly("first");
        broker.core.received(subscriber.session(), firstId, true);
        assertThat(subscriber.link().pubrels).containsExactly(firstId);
        assertThat(subscriber.link().texts()).containsExactly("first");

        broker.core.completed(subscriber.session(), firstId);
        assertThat(subscriber.link().texts()).containsExactly("first", "second");
    }

    @Test
    void aPubrecForAPacketIdentifierThatIsNotAnOutgoingQos2MessageReleasesNothing() {
        CoreFixture.Client subscriber = broker.connect("subscriber");
        broker.subscribe(subscriber, "a", QoS.AT_LEAST_ONCE);
        broker.core.publish(message("a", "once", QoS.AT_LEAST_ONCE));

        broker.core.received(subscriber.session(), subscriber.link().last().packetId(), true);
        broker.core.received(subscriber.session(), 999, true);

        assertThat(subscriber.link().pubrels).isEmpty();
    }

    @Test
    void anIncomingQos2PacketIdentifierIsRoutedOnceUntilReleased() {
        CoreFixture.Client publisher = broker.connect("publisher");

        assertThat(broker.core.firstReceipt(publisher.session(), 7)).isTrue();
        assertThat(broker.core.firstReceipt(publisher.session(), 7)).isFalse();
        assertThat(publisher.session().awaitsRelease(7)).isTrue();
        assertThat(broker.core.release(publisher.session(), 7)).isTrue();
        assertThat(broker.core.release(publisher.session(), 7)).isFalse();
        assertThat(broker.core.firstReceipt(publisher.session(), 7)).isTrue();
    }

    @Test
    void aRetainedMessageIsSentToALaterSubscriberWithTheRetainFlag() {
        broker.core.publish(message("status", "online", QoS.AT_LEAST_ONCE).withRetain(true));
        CoreFixture.Client late = broker.connect("late");

        broker.subscribe(late, "status", QoS.AT_LEAST_ONCE);

        assertThat(late.link().published).singleElement().satisfies(sent -> {
            assertThat(sent.text()).isEqualTo("online");
            assertThat(sent.message().retain()).isTrue();
        });
        assertThat(broker.core.inventory().retainedMessages()).extracting(Message::topic).containsExactly("status");
    }

    @Test
    void aRetainedMessageWithAnEmptyPayloadClearsTheTopic() {
        broker.core.publish(message("status", "online", QoS.AT_MOST_ONCE).withRetain(true));
        broker.core.publish(message("status", "", QoS.AT_MOST_ONCE).withRetain(true));
        CoreFixture.Client late = broker.connect("late");

        broker.subscribe(late, "status", QoS.AT_MOST_ONCE);

        assertThat(late.link().published).isEmpty();
        assertThat(broker.core.inventory().retainedMessages()).isEmpty();
    }

    @Test
    void aConnectedSubscriberReceivesARetainedPublicationWithoutTheRetainFlag() {
        CoreFixture.Client subscriber = broker.connect("subscriber");
        broker.subscribe(subscriber, "status", QoS.AT_MOST_ONCE);

        broker.core.publish(message("status", "online", QoS.AT_MOST_ONCE).withRetain(true));

        assertThat(subscriber.link().last().message().retain()).isFalse();
    }

    @Test
    void aClientWithOverlappingSubscriptionsGetsOneCopyAtTheirHighestQosWithAllTheirIdentifiers() {
        // MQTT-3.3.4-2, MQTT-3.3.4-4
        CoreFixture.Client overlapping = broker.connect("overlapping");
        CoreFixture.Client plain = broker.connect("plain");
        broker.subscribe(overlapping, List.of(
                new SubscribeRequest("sensors/#", QoS.AT_LEAST_ONCE, false, false, 0, 1),
                new SubscribeRequest("sensors/+", QoS.EXACTLY_ONCE, false, false, 0, 2)));
        broker.subscribe(plain, "sensors/t1", QoS.AT_MOST_ONCE);

        broker.core.publish(message("sensors/t1", "21.5", QoS.EXACTLY_ONCE));

        assertThat(overlapping.link().published).singleElement().satisfies(sent -> {
            assertThat(sent.message().qos()).isEqualTo(QoS.EXACTLY_ONCE);
            assertThat(sent.subscriptionIdentifiers()).containsExactlyInAnyOrder(1, 2);
        });
        assertThat(plain.link().published).singleElement()
                .satisfies(sent -> assertThat(sent.message().qos()).isEqualTo(QoS.AT_MOST_ONCE));
    }

    @Test
    void whatOneMessageMatchedDoesNotCarryOverToTheNext() {
        CoreFixture.Client overlapping = broker.connect("overlapping");
        CoreFixture.Client plain = broker.connect("plain");
        broker.subscribe(overlapping, List.of(
                new SubscribeRequest("a/#", QoS.AT_LEAST_ONCE, false, false, 0, 1),
                new SubscribeRequest("a/b", QoS.EXACTLY_ONCE, false, false, 0, 2)));
        broker.subscribe(plain, "a/b", QoS.AT_MOST_ONCE);
        broker.core.publish(message("a/b", "first", QoS.EXACTLY_ONCE));

        int routed = broker.core.publish(message("a/c", "second", QoS.EXACTLY_ONCE));

        assertThat(routed).isEqualTo(1);
        assertThat(overlapping.link().last()).satisfies(sent -> {
            assertThat(sent.text()).isEqualTo("second");
            assertThat(sent.message().qos()).isEqualTo(QoS.AT_LEAST_ONCE);
            assertThat(sent.subscriptionIdentifiers()).containsExactly(1);
        });
        assertThat(plain.link().texts()).containsExactly("first");
    }
}
