package dev.midge.broker;

/**
 * An MQTT quality-of-service level.
 */
public enum QoS {
    /** QoS 0: delivered at most once, never acknowledged. */
    AT_MOST_ONCE,
    /** QoS 1: delivered at least once, acknowledged with PUBACK. */
    AT_LEAST_ONCE,
    /** QoS 2: delivered exactly once, through the PUBREC/PUBREL/PUBCOMP handshake. */
    EXACTLY_ONCE;

    private static final QoS[] BY_VALUE = values();

    /**
     * @return the level's number on the wire: 0, 1 or 2
     */
    public int value() {
        return ordinal();
    }

    /**
     * @param value 0, 1 or 2
     * @return the level with that number
     * @throws IllegalArgumentException for any other number
     */
    public static QoS of(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, not " + value);
        }
        return BY_VALUE[value];
    }

    /**
     * @param other another level
     * @return the lower of this level and {@code other}
     */
    public QoS min(QoS other) {
        return compareTo(other) <= 0 ? this : other;
    }
}
