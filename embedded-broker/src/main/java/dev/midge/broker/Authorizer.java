package dev.midge.broker;

import dev.midge.broker.internal.config.AclFile;

import java.nio.file.Path;

/**
 * Decides what a connected client may publish and subscribe to. Called on the broker's thread: it must not block.
 * Topics under {@code $SYS/} are the broker's: clients may read them, and publish to them only when
 * {@link #canPublishToSystemTopic} allows it; {@code $SYS/broker/connection/NAME/state}, where bridges from other
 * brokers tell their state as Mosquitto's do, is asked of {@link #canPublish} like any topic.
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
     * @return true to grant the subscription; false to refuse it in SUBACK (MQTT 5 clients get reason 0x87)
     */
    boolean canSubscribe(String clientId, String username, String filter);

    /**
     * Asked before each message is delivered to a subscriber whose subscription matched it, retained messages sent
     * at SUBSCRIBE included, so that a wide subscription ({@code #}) does not carry topics the subscriber may not
     * read. Called for every delivery: it must be fast.
     *
     * @param clientId the subscribing client
     * @param username its user name, or {@code null}
     * @param topic    the topic of the message
     * @return true (the default) to deliver the message; false to pass this subscriber by, as if its subscription
     *         had not matched
     */
    default boolean canReceive(String clientId, String username, String topic) {
        return true;
    }

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

    /**
     * An authorizer that reads an ACL file in Mosquitto's syntax, as the configuration file's {@code acl_file} does:
     * {@code topic [read|write|readwrite|deny] FILTER} lines before any {@code user NAME} line apply to clients
     * without a user name, those after it to that user, and {@code pattern} lines, where a {@code %c} or {@code %u}
     * level stands for the client id or user name, to every client. A deny that applies wins; a client may publish
     * where a write rule matches the topic, subscribe where one read rule covers the whole filter, and receive a
     * message where a read rule matches its topic. MQTT 5 clients get 0x87 in SUBACK for a filter no rule grants,
     * and 0x80 (unspecified error) for one a deny covers, so that the refusal does not reveal a protected topic.
     *
     * @param file the ACL file, read once, now
     * @return the authorizer
     * @throws IllegalArgumentException naming the file and line when it cannot be read or a line is wrong
     */
    static Authorizer aclFile(Path file) {
        return AclFile.read(file);
    }
}
