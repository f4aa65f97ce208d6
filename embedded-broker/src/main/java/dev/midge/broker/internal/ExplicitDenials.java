package dev.midge.broker.internal;

/**
 * An authorizer whose rules can deny a filter outright, as an ACL file's {@code deny} lines do, rather than merely
 * not grant it. Such a rule hides a topic inside a wider grant, so the broker refuses the subscription without
 * saying why (MQTT 5: 0x80, unspecified error) instead of telling the client the filter is protected (0x87).
 *
 * <p>Asked on the broker's thread.
 */
public interface ExplicitDenials {

    /**
     * @param clientId the subscribing client
     * @param username its user name, or {@code null}
     * @param filter   the topic filter it subscribes to
     * @return whether a rule denies the filter outright
     */
    boolean deniesSubscription(String clientId, String username, String filter);
}
