package dev.midge.broker.internal.transport;

import io.netty.handler.codec.mqtt.MqttProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundTopicAliasesTest {

    private static final OutboundTopicAliases.Use NONE = OutboundTopicAliases.Use.NONE;

    @Test
    void aTopicGetsAnAliasWithItsNameOnceThenTheAliasAlone() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(10);

        assertThat(aliases.use("sensors/kitchen", true)).isEqualTo(new OutboundTopicAliases.Use(1, true));
        assertThat(aliases.use("sensors/kitchen", true)).isEqualTo(new OutboundTopicAliases.Use(1, false));
        assertThat(aliases.use("sensors/hall", true)).isEqualTo(new OutboundTopicAliases.Use(2, true));
        assertThat(aliases.use("sensors/kitchen", true)).isEqualTo(new OutboundTopicAliases.Use(1, false));
    }

    @Test
    void aClientWithoutATopicAliasMaximumGetsNoAlias() {
        // MQTT-3.1.2-27
        OutboundTopicAliases aliases = new OutboundTopicAliases(0);

        assertThat(aliases.use("sensors/kitchen", true)).isEqualTo(NONE);
        assertThat(aliases.use("sensors/kitchen", true)).isEqualTo(NONE);
    }

    @Test
    void theLeastRecentlyUsedAliasGoesToANewTopicOnceAllAreTaken() {
        // MQTT-3.3.2-11: never an alias above the client's maximum
        OutboundTopicAliases aliases = new OutboundTopicAliases(2);
        aliases.use("topic/a", true);
        aliases.use("topic/b", true);
        aliases.use("topic/a", true);

        assertThat(aliases.use("topic/c", true)).isEqualTo(new OutboundTopicAliases.Use(2, true));
        assertThat(aliases.use("topic/a", true)).isEqualTo(new OutboundTopicAliases.Use(1, false));
        assertThat(aliases.use("topic/b", true)).isEqualTo(new OutboundTopicAliases.Use(2, true));
        assertThat(aliases.use("topic/c", true)).isEqualTo(new OutboundTopicAliases.Use(1, true));
    }

    @Test
    void peekingChangesNothing() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(1);
        aliases.use("topic/a", true);

        assertThat(aliases.peek("topic/b", true)).isEqualTo(new OutboundTopicAliases.Use(1, true));
        assertThat(aliases.peek("topic/b", true)).isEqualTo(new OutboundTopicAliases.Use(1, true));
        assertThat(aliases.use("topic/a", true)).isEqualTo(new OutboundTopicAliases.Use(1, false));
    }

    @Test
    void aTopicNoLongerThanTheAliasPropertyIsNeverAliased() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(10);

        assertThat(aliases.use("a/b", true)).isEqualTo(NONE);
        assertThat(aliases.use("a/b", true)).isEqualTo(NONE);
        assertThat(aliases.use("a/bc", true)).isEqualTo(new OutboundTopicAliases.Use(1, true));
    }

    @Test
    void aTopicIsGivenNoNewAliasWhenItsBytesAreNotAllowedButKeepsAnAliasItHas() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(10);

        assertThat(aliases.use("topic/a", false)).isEqualTo(NONE);
        aliases.use("topic/a", true);
        assertThat(aliases.use("topic/a", false)).isEqualTo(new OutboundTopicAliases.Use(1, false));
    }

    @Test
    void theMaximumIsTheOneTheClientAskedForUnlessAliasesAreOff() {
        MqttProperties connect = new MqttProperties();
        connect.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, 1));

        OutboundTopicAliases asked = OutboundTopicAliases.asked(connect, true);
        asked.use("topic/a", true);
        assertThat(asked.use("topic/b", true)).isEqualTo(new OutboundTopicAliases.Use(1, true));
        assertThat(OutboundTopicAliases.asked(connect, false).use("topic/a", true)).isEqualTo(NONE);
        assertThat(OutboundTopicAliases.asked(MqttProperties.NO_PROPERTIES, true).use("topic/a", true))
                .isEqualTo(NONE);
    }
}
