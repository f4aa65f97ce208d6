package dev.midge.broker.internal;

/**
 * The MQTT versions the broker speaks, by the protocol level a CONNECT names.
 */
public enum ProtocolVersion {
    /** MQTT 3.1, protocol level 3. */
    MQTT_3_1(3),
    /** MQTT 3.1.1, protocol level 4. */
    MQTT_3_1_1(4),
    /** MQTT 5.0, protocol level 5. */
    MQTT_5(5);

    private final int level;

    ProtocolVersion(int level) {
        this.level = level;
    }

    /**
     * @param level the protocol level of a CONNECT the codec has accepted (3, 4 or 5)
     * @return its version
     */
    public static ProtocolVersion of(int level) {
        if (level >= MQTT_5.level) {
            return MQTT_5;
        }
        return level == MQTT_3_1_1.level ? MQTT_3_1_1 : MQTT_3_1;
    }

    /** @return the protocol level, as CONNECT carries it and events report it */
    public int level() {
        return level;
    }

    /** @return whether this is MQTT 5, with its reason codes and properties */
    public boolean isMqtt5() {
        return this == MQTT_5;
    }
}
