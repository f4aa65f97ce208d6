package dev.midge.broker.internal;

import dev.midge.broker.Authorizer;
import dev.midge.broker.Topics;

/**
 * Asks the authorizer whether a client may publish on a topic, with the separate question the {@code $SYS} topics
 * get, since clients must not write the broker's own statistics. The one exception is Mosquitto's: a bridge's state,
 * {@code $SYS/broker/connection/NAME/state}, which Mosquitto's bridges publish (and leave as their will) on the broker
 * they connect to, is an ordinary topic.
 */
final class PublishPermission {

    private static final String BRIDGE_STATE = "$SYS/broker/connection/+/state";

    private PublishPermission() {
    }

    static boolean granted(Authorizer authorizer, String clientId, String username, String topic) {
        return SysTopics.holds(topic) && !Topics.matches(BRIDGE_STATE, topic)
                ? authorizer.canPublishToSystemTopic(clientId, username, topic)
                : authorizer.canPublish(clientId, username, topic);
    }
}
