package dev.midge.broker.internal.transport;

import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * The MQTT 5 property rules a client's packet must keep (section 2.2.2.2): each identifier is allowed in certain
 * packets only (anything else is a Malformed Packet), and every property but User Property may appear at most once
 * (a Protocol Error). Values the specification restricts are checked too.
 *
 * <p>Runs on the connection's event loop, which is the broker's thread.
 */
final class PropertyRules {

    /** Where a properties block sits, and so which identifiers it may hold. */
    enum Place {
        CONNECT(0x11, 0x15, 0x16, 0x17, 0x19, 0x21, 0x22, 0x27),
        WILL(0x01, 0x02, 0x03, 0x08, 0x09, 0x18),
        PUBLISH(0x01, 0x02, 0x03, 0x08, 0x09, 0x0B, 0x23),
        ACKNOWLEDGEMENT(0x1F),
        SUBSCRIBE(0x0B),
        UNSUBSCRIBE,
        DISCONNECT(0x11, 0x1C, 0x1F),
        AUTH(0x15, 0x16, 0x1F);

        private final long allowed;

        Place(int... identifiers) {
            long mask = 1L << USER_PROPERTY;
            for (int id : identifiers) {
                mask |= 1L << id;
            }
            this.allowed = mask;
        }

        boolean allows(int id) {
            return id < Long.SIZE && (allowed & (1L << id)) != 0;
        }
    }

    /** Which properties a block held, for the rules that depend on the packet. */
    record Found(long identifiers) {
        boolean has(int id) {
            return (identifiers & (1L << id)) != 0;
        }
    }

    static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    static final int AUTHENTICATION_METHOD = 0x15;
    static final int AUTHENTICATION_DATA = 0x16;
    static final int TOPIC_ALIAS = 0x23;
    private static final int RESPONSE_TOPIC = 0x08;
    private static final int USER_PROPERTY = 0x26;
    private static final int REQUEST_PROBLEM_INFORMATION = 0x17;
    private static final int REQUEST_RESPONSE_INFORMATION = 0x19;

    private PropertyRules() {
    }

    /**
     * Reads a properties block (its length, then the properties) and checks it.
     *
     * @return the properties, in the order they came, or {@link MqttProperties#NO_PROPERTIES} for an empty block
     */
    static MqttProperties values(WireReader in, Place place) {
        MqttProperties properties = new MqttProperties();
        return read(in, place, properties).identifiers() == 0 ? MqttProperties.NO_PROPERTIES : properties;
    }

    /**
     * Reads a properties block and checks it, keeping the values.
     *
     * @param into where the properties go, in the order they came
     * @return what the packet's own checks need to know
     */
    static Found read(WireReader in, Place place, MqttProperties into) {
        int length = in.readVariableInt();
        int outerEnd = in.end();
        if (length > outerEnd - in.position()) {
            throw in.malformed("the properties run past the end of the packet");
        }
        in.end(in.position() + length);
        long seen = 0;
        while (in.hasMore()) {
            int id = in.readVariableInt();
            if (!place.allows(id)) {
                throw in.malformed(String.format("property 0x%02X is not allowed in %s properties", id, place));
            }
            if (id != USER_PROPERTY && (seen & (1L << id)) != 0) {
                throw in.protocolError(String.format("property 0x%02X appears more than once", id));
            }
            seen |= 1L << id;
            into.add(readValue(in, id));
        }
        in.end(outerEnd);
        return new Found(seen);
    }

    private static MqttProperties.MqttProperty<?> readValue(WireReader in, int id) {
        return switch (id) {
            case 0x01 -> integer(id, in.readByte());
            case REQUEST_PROBLEM_INFORMATION, REQUEST_RESPONSE_INFORMATION -> {
                int value = in.readByte();
                if (value > 1) {
                    throw in.protocolError(String.format("property 0x%02X must be 0 or 1", id));
                }
                yield integer(id, value);
            }
            case 0x21, 0x22, TOPIC_ALIAS -> integer(id, in.readShort());
            case 0x02, 0x11, 0x18, 0x27 -> integer(id, (int) in.readInt());
            case SUBSCRIPTION_IDENTIFIER -> {
                int value = in.readVariableInt();
                if (value == 0) {
                    throw in.protocolError("a Subscription Identifier of 0");
                }
                yield integer(id, value);
            }
            case RESPONSE_TOPIC -> {
                String topic = in.readString("the Response Topic");
                if (topic.isEmpty() || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
                    throw in.protocolError("a Response Topic that is not a topic name [MQTT-3.3.2-14]");
                }
                yield new MqttProperties.StringProperty(id, topic);
            }
            case 0x03, AUTHENTICATION_METHOD, 0x1C, 0x1F -> {
                String value = in.readString(String.format("property 0x%02X", id));
                yield new MqttProperties.StringProperty(id, value);
            }
            case 0x09, AUTHENTICATION_DATA -> new MqttProperties.BinaryProperty(id, in.readBinary());
            case USER_PROPERTY -> {
                String name = in.readString("a user property name");
                yield new MqttProperties.UserProperty(name, in.readString("a user property value"));
            }
            default -> throw new IllegalArgumentException(String.format("property 0x%02X passed the place check", id));
        };
    }

    private static MqttProperties.MqttProperty<?> integer(int id, int value) {
        return new MqttProperties.IntegerProperty(id, value);
    }
}
