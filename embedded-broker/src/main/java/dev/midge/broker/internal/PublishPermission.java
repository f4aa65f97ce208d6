package dev.midge.broker.internal;

import dev.midge.broker.Authorizer;

/**
 * Asks the authorizer whether a client may publish on a topic, with the separate question the {@code $SYS} topics
 * get, since clients must not write the broker's own statistics.
 */
final class PublishPermission {

    private PublishPermission() {
    }

    static boolean granted(Authorizer authorizer, String clientId, String username, String topic) {
        return SysTopics.holds(topic)
                ? authorizer.canPublishToSystemTopic(clientId, username, topic)
                : authorizer.canPublish(clientId, username, topic);
    }
}
