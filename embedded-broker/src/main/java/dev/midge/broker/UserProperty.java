package dev.midge.broker;

import java.util.Objects;

/**
 * An MQTT 5 user property: a name/value pair carried by a packet, in order, names may repeat.
 *
 * @param name  the property's name
 * @param value the property's value
 */
public record UserProperty(String name, String value) {
    /**
     * @param name  the property's name
     * @param value the property's value
     * @throws NullPointerException if the name or the value is null
     */
    public UserProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
