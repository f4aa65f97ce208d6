package dev.midge.broker.internal;

import dev.midge.broker.Bridge;
import dev.midge.broker.BridgeTopic;
import dev.midge.broker.QoS;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mosquitto's topic mapping across a bridge: the local prefix swapped for the remote one on the way out, back on the
 * way in, the first matching bridged topic deciding.
 */
class BridgeRoutesTest {

    private final BridgeRoutes routes = new BridgeRoutes(List.of(
            new BridgeTopic("serial/#", Bridge.Direction.OUT, QoS.AT_LEAST_ONCE, "local/", "emqx/"),
            new BridgeTopic("cmd/+", Bridge.Direction.IN, QoS.EXACTLY_ONCE, "pi/", "site1/pi/"),
            new BridgeTopic("", Bridge.Direction.BOTH, QoS.AT_MOST_ONCE, "pi/status", "site1/status"),
            new BridgeTopic("#", Bridge.Direction.OUT, QoS.AT_MOST_ONCE, "", "")));

    @Test
    void anOutboundTopicIsSubscribedLocallyUnderItsLocalPrefixWithoutItsOwnMessagesAndWithTheRetainFlag() {
        assertThat(routes.localSubscriptions(2)).containsExactly(
                new SubscribeRequest("local/serial/#", QoS.AT_LEAST_ONCE, true, true, 2, 0),
                new SubscribeRequest("pi/status", QoS.AT_MOST_ONCE, true, true, 2, 0),
                new SubscribeRequest("#", QoS.AT_MOST_ONCE, true, true, 2, 0));
    }

    @Test
    void anInboundTopicIsSubscribedUpstreamUnderItsRemotePrefix() {
        assertThat(routes.remoteSubscriptions()).containsExactly(
                new BridgeRoutes.Remote("site1/pi/cmd/+", QoS.EXACTLY_ONCE),
                new BridgeRoutes.Remote("site1/status", QoS.AT_MOST_ONCE));
    }

    @Test
    void theFirstMatchingTopicSwapsThePrefixes() {
        assertThat(routes.toRemote("local/serial/read")).isEqualTo("emqx/serial/read");
        assertThat(routes.toRemote("pi/status")).isEqualTo("site1/status");
        assertThat(routes.toLocal("site1/pi/cmd/led")).isEqualTo("pi/cmd/led");
        assertThat(routes.toLocal("site1/status")).isEqualTo("pi/status");
    }

    @Test
    void aTopicNoBridgedTopicMatchesCrossesUnchanged() {
        assertThat(routes.toRemote("other/topic")).isEqualTo("other/topic");
        assertThat(routes.toLocal("site1/pi/cmd/led/extra")).isEqualTo("site1/pi/cmd/led/extra");
    }

    @Test
    void theParentLevelThatAMultiLevelWildcardMatchesKeepsItsTopic() {
        BridgeRoutes parent = new BridgeRoutes(List.of(
                new BridgeTopic("#", Bridge.Direction.BOTH, QoS.AT_MOST_ONCE, "a/", "b/")));

        assertThat(parent.toRemote("a")).isEqualTo("a");
        assertThat(parent.toRemote("a/x")).isEqualTo("b/x");
    }
}
