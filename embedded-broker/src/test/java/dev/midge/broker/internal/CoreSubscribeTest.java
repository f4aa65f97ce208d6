package dev.midge.broker.internal;

import dev.midge.broker.QoS;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.midge.broker.internal.CoreFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SUBSCRIBE in the core alone: every filter is granted or refused, the reply is asked for, and only then do the
 * retained messages the new subscriptions bring go out.
 */
class CoreSubscribeTest {

    private final CoreFixture broker = new CoreFixture();

    @Test
    void theRetainedMessagesOfANewSubscriptionFollowTheReply() {
        broker.core.publish(message("status", "online", QoS.AT_LEAST_ONCE).withRetain(true));
        CoreFixture.Client late = broker.connect("late");
        List<Integer> publishedWhenAnswered = new ArrayList<>();
        List<SubscribeOutcome> answered = new ArrayList<>();

        broker.core.subscribe(late.session(), List.of(SubscribeRequest.of("status", QoS.AT_LEAST_ONCE)), outcomes -> {
            publishedWhenAnswered.add(late.link().published.size());
            answered.addAll(outcomes);
            return true;
        });

        assertThat(publishedWhenAnswered).containsExactly(0);
        assertThat(answered).containsExactly(SubscribeOutcome.granted(QoS.AT_LEAST_ONCE));
        assertThat(late.link().texts()).containsExactly("online");
    }

    @Test
    void aSubscribeAnsweredByEndingTheConnectionBringsNoRetainedMessage() {
        // MQTT-3.8.3-4
        broker.core.publish(message("status", "online", QoS.AT_LEAST_ONCE).withRetain(true));
        CoreFixture.Client client = broker.connect("client");
        List<SubscribeOutcome> answered = new ArrayList<>();
        List<SubscribeRequest> requests = List.of(SubscribeRequest.of("status", QoS.AT_LEAST_ONCE),
                new SubscribeRequest("$share/group/status", QoS.AT_LEAST_ONCE, true, false, 0, 0));

        broker.core.subscribe(client.session(), requests, outcomes -> {
            answered.addAll(outcomes);
            return false;
        });

        assertThat(answered).extracting(SubscribeOutcome::refusal)
                .containsExactly(null, SubscribeOutcome.Refusal.PROTOCOL_ERROR);
        assertThat(client.link().published).isEmpty();
    }

    @Test
    void subscriptionsMadeWithoutAReplyBringTheirRetainedMessagesAtOnce() {
        broker.core.publish(message("status", "online", QoS.AT_LEAST_ONCE).withRetain(true));
        CoreFixture.Client bridge = broker.connect("bridge");

        broker.core.subscribe(bridge.session(), List.of(SubscribeRequest.of("status", QoS.AT_LEAST_ONCE)),
                SubscribeReply.NONE);

        assertThat(bridge.link().texts()).containsExactly("online");
    }
}
