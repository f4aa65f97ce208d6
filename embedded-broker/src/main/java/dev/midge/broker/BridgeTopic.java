package dev.midge.broker;

import java.util.List;
import java.util.Objects;

/**
 * One bridged topic, with Mosquitto's rules: the topic is {@code LOCAL_PREFIX + pattern} here and
 * {@code REMOTE_PREFIX + pattern} upstream, the prefixes being swapped as messages cross the bridge. A pattern
 * may be empty when a prefix is given: the prefix alone is then the topic.
 *
 * @param pattern      the topic filter, {@code +} and {@code #} allowed
 * @param direction    which way messages travel
 * @param qos          the QoS of the subscription on the side messages come from
 * @param localPrefix  what precedes the pattern on this broker, empty for nothing
 * @param remotePrefix what precedes the pattern on the upstream broker, empty for nothing
 */
public record BridgeTopic(String pattern, Bridge.Direction direction, QoS qos, String localPrefix,
                          String remotePrefix) {

    /**
     * Checks the topic rules.
     *
     * @param pattern      the topic filter, {@code +} and {@code #} allowed
     * @param direction    which way messages travel
     * @param qos          the QoS of the subscription on the side messages come from
     * @param localPrefix  what precedes the pattern on this broker, empty for nothing
     * @param remotePrefix what precedes the pattern on the upstream broker, empty for nothing
     * @throws IllegalArgumentException when the filter or a prefix breaks the topic rules
     */
    public BridgeTopic {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(localPrefix, "localPrefix");
        Objects.requireNonNull(remotePrefix, "remotePrefix");
        if (pattern.isEmpty() && localPrefix.isEmpty() && remotePrefix.isEmpty()) {
            throw new IllegalArgumentException("a bridged topic needs a pattern, or a prefix to stand for it");
        }
        for (String prefix : List.of(localPrefix, remotePrefix)) {
            if (prefix.indexOf('+') >= 0 || prefix.indexOf('#') >= 0) {
                throw new IllegalArgumentException("a bridge topic prefix takes no wildcard: '" + prefix + "'");
            }
        }
        String problem = Topics.checkFilter(join(pattern, localPrefix));
        if (problem == null) {
            problem = Topics.checkFilter(join(pattern, remotePrefix));
        }
        if (problem != null) {
            throw new IllegalArgumentException("bridge topic '" + pattern + "': " + problem);
        }
    }

    /** @return the topic filter on this broker: the local prefix followed by the pattern */
    public String localFilter() {
        return join(pattern, localPrefix);
    }

    /** @return the topic filter on the upstream broker: the remote prefix followed by the pattern */
    public String remoteFilter() {
        return join(pattern, remotePrefix);
    }

    private static String join(String pattern, String prefix) {
        return prefix + pattern;
    }
}
