package dev.midge.broker.internal.transport;

import dev.midge.broker.Topics;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribePayload;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a client's SUBSCRIBE or UNSUBSCRIBE from its bytes in one pass, checking each field as it goes: the packet
 * identifier, the MQTT 5 properties, the subscription options and every topic filter. A packet without filters is
 * read as one, for the connection to refuse.
 *
 * <p>Runs on the connection's event loop, which is the broker's thread.
 */
final class SubscriptionPacketReading {

    private SubscriptionPacketReading() {
    }

    /**
     * @param in positioned at the start of the packet's body, ending where the packet ends
     * @return the packet
     * @throws InvalidPacketException when the packet breaks a rule
     */
    static MqttSubscribeMessage subscribe(WireReader in) {
        int remainingLength = in.end() - in.position();
        MqttMessageIdAndPropertiesVariableHeader header = idAndProperties(in, PropertyRules.Place.SUBSCRIBE);
        boolean v5 = in.protocolVersion() >= 5;
        List<MqttTopicSubscription> subscriptions = new ArrayList<>();
        while (in.hasMore()) {
            String filter = in.readString("a topic filter");
            int options = in.readByte();
            if (v5 && (options & 0xC0) != 0) {
                throw in.malformed("reserved subscription option bits set [MQTT-3.8.3-5]");
            }
            if (!v5 && (options & 0xFC) != 0) {
                throw in.malformed("reserved bits set next to the requested QoS [MQTT-3.8.3-4]");
            }
            if ((options & 0x03) == 3) {
                throw v5 ? in.protocolError("a subscription asking for QoS 3 (section 3.8.3.1)")
                        : in.malformed("a subscription asking for QoS 3 [MQTT-3.8.3-4]");
            }
            int retainHandling = (options >> 4) & 0x03;
            if (retainHandling == 3) {
                throw in.protocolError("a subscription with Retain Handling 3 (section 3.8.3.1)");
            }
            checkFilter(in, filter);
            subscriptions.add(new MqttTopicSubscription(filter, new MqttSubscriptionOption(
                    MqttQoS.valueOf(options & 0x03), (options & 0x04) != 0, (options & 0x08) != 0,
                    MqttSubscriptionOption.RetainedHandlingPolicy.valueOf(retainHandling))));
        }
        return new MqttSubscribeMessage(fixedHeader(MqttMessageType.SUBSCRIBE, remainingLength), header,
                new MqttSubscribePayload(subscriptions));
    }

    /**
     * @param in positioned at the start of the packet's body, ending where the packet ends
     * @return the packet
     * @throws InvalidPacketException when the packet breaks a rule
     */
    static MqttUnsubscribeMessage unsubscribe(WireReader in) {
        int remainingLength = in.end() - in.position();
        MqttMessageIdAndPropertiesVariableHeader header = idAndProperties(in, PropertyRules.Place.UNSUBSCRIBE);
        List<String> filters = new ArrayList<>();
        while (in.hasMore()) {
            String filter = in.readString("a topic filter");
            checkFilter(in, filter);
            filters.add(filter);
        }
        return new MqttUnsubscribeMessage(fixedHeader(MqttMessageType.UNSUBSCRIBE, remainingLength), header,
                new MqttUnsubscribePayload(filters));
    }

    private static MqttMessageIdAndPropertiesVariableHeader idAndProperties(WireReader in,
                                                                            PropertyRules.Place place) {
        int packetId = in.readPacketId(place.name());
        MqttProperties properties = in.protocolVersion() >= 5 ? PropertyRules.values(in, place)
                : MqttProperties.NO_PROPERTIES;
        return new MqttMessageIdAndPropertiesVariableHeader(packetId, properties);
    }

    /** SUBSCRIBE and UNSUBSCRIBE carry the flags 0010, which say QoS 1 (MQTT-3.8.1-1, MQTT-3.10.1-1). */
    private static MqttFixedHeader fixedHeader(MqttMessageType type, int remainingLength) {
        return new MqttFixedHeader(type, false, MqttQoS.AT_LEAST_ONCE, false, remainingLength);
    }

    private static void checkFilter(WireReader in, String filter) {
        String topicFilter = filter;
        if (filter.startsWith(Topics.SHARE_PREFIX)) {
            int slash = filter.indexOf('/', Topics.SHARE_PREFIX.length());
            String share = slash < 0 ? "" : filter.substring(Topics.SHARE_PREFIX.length(), slash);
            if (share.isEmpty() || share.indexOf('+') >= 0 || share.indexOf('#') >= 0) {
                throw in.fail(ReasonCode.TOPIC_FILTER_INVALID, "an invalid share name in " + filter
                        + " [MQTT-4.8.2-1, MQTT-4.8.2-2]");
            }
            topicFilter = filter.substring(slash + 1);
        }
        String problem = Topics.checkFilter(topicFilter);
        if (problem != null) {
            throw in.fail(ReasonCode.TOPIC_FILTER_INVALID, problem + " [" + filterStatement(in, topicFilter, problem)
                    + "]");
        }
    }

    private static String filterStatement(WireReader in, String filter, String problem) {
        boolean v5 = in.protocolVersion() >= 5;
        if (filter.isEmpty()) {
            return "MQTT-4.7.3-1";
        }
        if (problem.startsWith("'#'")) {
            return v5 ? "MQTT-4.7.1-1" : "MQTT-4.7.1-2";
        }
        return v5 ? "MQTT-4.7.1-2" : "MQTT-4.7.1-3";
    }
}
