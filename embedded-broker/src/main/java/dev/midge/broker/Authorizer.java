package dev.midge.broker;

/**
 * Decides what a connected client may publish and subscribe to. Called on the broker's thread: it must not block.
 */
public interface Authorizer {

    /**
     * @param clientId the publishing client
     * @param username its user name, or {@code null}
     * @param topic    the topic it publishes to
     * @return true to route the message; false to drop it (MQTT 5 clients get reason 0x87 in PUBACK/PUBREC)
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
     * @return an authorizer that allows everything (the default)
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
