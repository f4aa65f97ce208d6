package dev.midge.broker;

/**
 * Decides what a connected client may publish and subscribe to. Called on the broker's thread: it must not block.
 * Topics under {@code $SYS/} are the broker's: clients may read them, and publish to them only when
 * {@link #canPublishToSystemTopic} allows it.
 */
public interface Authorizer {

    /**
     * @param clientId the publishing client
     * @param username its user name, or {@code null}
     * @param topic    the topic it publishes to
     * @return true to route the message; false to drop it (MQTT 5 clients get reason 0x87 in PUBACK/PUBREC). Also
     *         asked for a will's topic at CONNECT, where false refuses the connection as not authorised
     */
    boolean canPublish(String clientId, String username, String topic);

    /**
     * @param clientId the subscribing client
     * @param username its user name, or {@code null}
     * @param filter   the topic filter it subscribes to
     * @return true to grant the subscription; false to refuse it in SUBACK
     */
    boolean canSubscribe(String clientId, String username, String filter);

    /**
     * Asked instead of {@link #canPublish} for a topic under {@code $SYS/}, which holds the broker's own statistics
     * and is read-only for clients unless this says otherwise.
     *
     * @param clientId the publishing client
     * @param username its user name, or {@code null}
     * @param topic    the {@code $SYS} topic it publishes to
     * @return true to route the message; false (the default) to drop it, as for {@link #canPublish}
     */
    default boolean canPublishToSystemTopic(String clientId, String username, String topic) {
        return false;
    }

    /**
     * @return an authorizer that allows everything but publishing to {@code $SYS/} topics (the default)
     */
    static Authorizer allowAll() {
        return new Authorizer() {
            @Override
            public boolean canPublish(String clientId, String username, String topic) {
                return true;
            }

            @Override
            public boolean canSubscribe(String clientId, String username, String filter) {
                return true;
            }
        };
    }
}
