package dev.midge.junit.assertions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.midge.junit.MqttAssertions.assertThat;
import static dev.midge.junit.assertions.BrokerWithClients.SHORT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which subscriptions the broker holds for a client.
 */
class SubscriptionsTest {

    private static final BrokerWithClients mqtt = new BrokerWithClients();

    @BeforeEach
    void forgetEarlierTraffic() throws Exception {
        mqtt.forgetTraffic();
        mqtt.client("pi-1").unsubscribe(new String[] {"raspberry/#", "raspberry/topic"});
    }

    @AfterAll
    static void close() throws Exception {
        mqtt.close();
    }

    @Test
    void aSubscriptionOfTheClientToTheFilterIsFound() throws Exception {
        mqtt.client("pi-1").subscribe("raspberry/#", 1);

        assertThat(mqtt.broker).hasSubscription("pi-1", "raspberry/#");
    }

    @Test
    void aSubscriptionToAnotherFilterFailsListingTheSubscriptionsHeld() throws Exception {
        mqtt.client("pi-1").subscribe("raspberry/topic", 1);

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).hasSubscription("pi-1", "raspberry/#"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected client pi-1 to hold a subscription to raspberry/# within 200ms,"
                        + " but it does not.\n\nSubscriptions the broker holds:\n  pi-1  raspberry/topic qos=1")
                .hasMessageFindingMatch("pi-1 +→ SUBSCRIBE +raspberry/topic qos=1 granted=1");
    }

    @Test
    void aRemovedSubscriptionIsNoLongerFound() throws Exception {
        mqtt.client("pi-1").subscribe("raspberry/#", 0);
        mqtt.client("pi-1").unsubscribe("raspberry/#");

        assertThatThrownBy(() -> assertThat(mqtt.broker).within(SHORT).hasSubscription("pi-1", "raspberry/#"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected client pi-1 to hold a subscription to raspberry/# within 200ms,"
                        + " but the broker holds no subscription at all.")
                .hasMessageFindingMatch("pi-1 +→ UNSUBSCRIBE +raspberry/#");
    }
}
