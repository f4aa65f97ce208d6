package dev.midge.broker.internal.transport;

import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.QoS;
import dev.midge.broker.UserProperty;
import dev.midge.broker.internal.ProtocolVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's own PUBLISH encoding holds the same bytes as the MQTT codec's encoding of the same packet, properties
 * apart, which the codec writes in the order of its hash table and the broker in the order of their identifiers.
 */
class PublishEncodingTest {

    private static final OutboundTopicAliases.Use NO_ALIAS = OutboundTopicAliases.Use.NONE;
    private static final MessageProperties EVERY_PROPERTY = new MessageProperties(1, 3600L, "text/plain; charset=utf-8",
            "replies/kitchen", new byte[]{0, 1, 2, (byte) 0xFF},
            List.of(new UserProperty("unit", "°C"), new UserProperty("unit", "K"), new UserProperty("", "")));

    static Stream<Arguments> packets() {
        MessageProperties multiByte = new MessageProperties(null, null, "application/x-données", null, null,
                List.of(new UserProperty("pièce", "cuisine €"), new UserProperty("clef 🔑", "𝄞")));
        return Stream.of(
                Arguments.of("MQTT 3.1.1, QoS 0", ProtocolVersion.MQTT_3_1_1,
                        message("sensors/kitchen", "21.5", QoS.AT_MOST_ONCE, false, MessageProperties.NONE),
                        0, false, List.of(), NO_ALIAS),
                Arguments.of("MQTT 3.1.1, QoS 1 retained and sent again", ProtocolVersion.MQTT_3_1_1,
                        message("sensors/kitchen", "21.5", QoS.AT_LEAST_ONCE, true, MessageProperties.NONE),
                        0x0A0B, true, List.of(), NO_ALIAS),
                Arguments.of("MQTT 3.1, QoS 2 with the highest packet identifier", ProtocolVersion.MQTT_3_1,
                        message("a", "x", QoS.EXACTLY_ONCE, false, MessageProperties.NONE),
                        65535, false, List.of(), NO_ALIAS),
                Arguments.of("MQTT 5 without properties", ProtocolVersion.MQTT_5,
                        message("sensors/kitchen", "21.5", QoS.AT_MOST_ONCE, false, MessageProperties.NONE),
                        0, false, List.of(), NO_ALIAS),
                Arguments.of("MQTT 5 with every property and a new alias", ProtocolVersion.MQTT_5,
                        message("sensors/kitchen", "21.5", QoS.EXACTLY_ONCE, true, EVERY_PROPERTY),
                        513, false, List.of(1, 127, 128, 16_384, 268_435_455),
                        new OutboundTopicAliases.Use(7, true)),
                Arguments.of("MQTT 5 with an alias alone", ProtocolVersion.MQTT_5,
                        message("sensors/kitchen", "21.5", QoS.AT_LEAST_ONCE, false, MessageProperties.NONE),
                        9, false, List.of(3), new OutboundTopicAliases.Use(65535, false)),
                Arguments.of("MQTT 5 with multi-byte UTF-8 in the topic and properties", ProtocolVersion.MQTT_5,
                        message("capteurs/température/€/𝄞", "22", QoS.AT_MOST_ONCE, false, multiByte),
                        0, false, List.of(), NO_ALIAS),
                Arguments.of("MQTT 3.1.1 with multi-byte UTF-8 in the topic", ProtocolVersion.MQTT_3_1_1,
                        message("capteurs/température/€/𝄞", "22", QoS.AT_MOST_ONCE, false, MessageProperties.NONE),
                        0, false, List.of(), NO_ALIAS),
                Arguments.of("an empty retained payload", ProtocolVersion.MQTT_5,
                        message("status", "", QoS.AT_LEAST_ONCE, true, MessageProperties.NONE),
                        1, false, List.of(), NO_ALIAS),
                Arguments.of("a 20 KiB payload, whose Remaining Length takes 3 bytes", ProtocolVersion.MQTT_5,
                        new Message("big", payload(20 * 1024), QoS.AT_LEAST_ONCE, false, EVERY_PROPERTY),
                        2, false, List.of(5), NO_ALIAS),
                Arguments.of("a 2 MiB payload, whose Remaining Length takes 4 bytes", ProtocolVersion.MQTT_3_1_1,
                        new Message("big", payload(2 * 1024 * 1024), QoS.AT_MOST_ONCE, false, MessageProperties.NONE),
                        0, false, List.of(), NO_ALIAS),
                Arguments.of("a 127-byte packet, whose Remaining Length takes 1 byte", ProtocolVersion.MQTT_3_1_1,
                        new Message("t", payload(127 - 3), QoS.AT_MOST_ONCE, false, MessageProperties.NONE),
                        0, false, List.of(), NO_ALIAS),
                Arguments.of("a 128-byte packet, whose Remaining Length takes 2 bytes", ProtocolVersion.MQTT_3_1_1,
                        new Message("t", payload(128 - 3), QoS.AT_MOST_ONCE, false, MessageProperties.NONE),
                        0, false, List.of(), NO_ALIAS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void theBrokersEncodingHoldsTheCodecsBytes(String name, ProtocolVersion version, Message message, int packetId,
                                               boolean duplicate, List<Integer> subscriptionIdentifiers,
                                               OutboundTopicAliases.Use alias) {
        byte[] ours = encode(version, message, packetId, duplicate, subscriptionIdentifiers, alias);
        byte[] codecs = codecEncode(version, message, packetId, duplicate, subscriptionIdentifiers, alias);

        assertThat(ours).hasSameSizeAs(codecs);
        assertThat(PropertyOrder.byIdentifier(ours, version.isMqtt5())).as("ours in the order of the identifiers")
                .isEqualTo(ours);
        assertThat(PropertyOrder.byIdentifier(codecs, version.isMqtt5())).isEqualTo(ours);
    }

    @Test
    void theBufferIsAllocatedAtThePacketsExactSize() {
        PublishSize size = PublishSize.of(message("sensors/température", "21.5", QoS.AT_LEAST_ONCE, false,
                EVERY_PROPERTY), List.of(300), true);
        ByteBuf packet = PublishEncoding.encode(UnpooledByteBufAllocator.DEFAULT, size, NO_ALIAS, 1,
                message("sensors/température", "21.5", QoS.AT_LEAST_ONCE, false, EVERY_PROPERTY), false,
                List.of(300));
        try {
            assertThat(packet.readableBytes()).isEqualTo(size.total(NO_ALIAS)).isEqualTo(packet.maxCapacity());
        } finally {
            packet.release();
        }
    }

    @Test
    void aPublishLargerThanTheClientsMaximumPacketSizeIsNotWrittenAndTakesNoAlias() {
        // MQTT-3.1.2-24
        Message message = message("sensors/kitchen", "21.5", QoS.AT_MOST_ONCE, false, MessageProperties.NONE);
        OutboundTopicAliases aliases = new OutboundTopicAliases(10);
        PublishWriter writer = new PublishWriter(ProtocolVersion.MQTT_5, aliases);
        int exact = PublishSize.of(message, List.of(), true).total(NO_ALIAS);
        writer.maximumPacketSize(exact - 1);

        assertThat(writer.packet(UnpooledByteBufAllocator.DEFAULT, 0, message, false, List.of())).isNull();
        assertThat(aliases.peek(message.topic(), true)).isEqualTo(new OutboundTopicAliases.Use(1, true));

        writer.maximumPacketSize(exact);
        ByteBuf packet = writer.packet(UnpooledByteBufAllocator.DEFAULT, 0, message, false, List.of());
        try {
            assertThat(packet.readableBytes()).as("no room for the alias's 3 bytes: the topic in full").isEqualTo(exact);
        } finally {
            packet.release();
        }
    }

    private static byte[] encode(ProtocolVersion version, Message message, int packetId, boolean duplicate,
                                 List<Integer> subscriptionIdentifiers, OutboundTopicAliases.Use alias) {
        PublishSize size = PublishSize.of(message, subscriptionIdentifiers, version.isMqtt5());
        ByteBuf packet = PublishEncoding.encode(UnpooledByteBufAllocator.DEFAULT, size, alias, packetId, message,
                duplicate, subscriptionIdentifiers);
        try {
            assertThat(packet.readableBytes()).isEqualTo(size.total(alias));
            return ByteBufUtil.getBytes(packet);
        } finally {
            packet.release();
        }
    }

    /** The packet as the broker built it before it wrote PUBLISH itself, encoded by the codec. */
    private static byte[] codecEncode(ProtocolVersion version, Message message, int packetId, boolean duplicate,
                                      List<Integer> subscriptionIdentifiers, OutboundTopicAliases.Use alias) {
        MqttProperties properties = new MqttProperties();
        MessageProperties p = message.properties();
        if (p.payloadFormatIndicator() != null) {
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR,
                    p.payloadFormatIndicator()));
        }
        if (p.messageExpiryInterval() != null) {
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL,
                    (int) p.messageExpiryInterval().longValue()));
        }
        if (p.contentType() != null) {
            properties.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, p.contentType()));
        }
        if (p.responseTopic() != null) {
            properties.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, p.responseTopic()));
        }
        if (p.correlationData() != null) {
            properties.add(new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, p.correlationData()));
        }
        if (!p.userProperties().isEmpty()) {
            MqttProperties.UserProperties users = new MqttProperties.UserProperties();
            p.userProperties().forEach(user -> users.add(user.name(), user.value()));
            properties.add(users);
        }
        subscriptionIdentifiers.forEach(id ->
                properties.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, id)));
        if (alias.aliased()) {
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, alias.alias()));
        }
        MqttPublishMessage packet = new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, duplicate, MqttQoS.valueOf(message.qos().value()),
                        message.retain(), 0),
                new MqttPublishVariableHeader(alias.withTopic() ? message.topic() : "", packetId, properties),
                Unpooled.wrappedBuffer(message.payload()));
        return CodecOutput.of(version.isMqtt5() ? ProtocolVersion.MQTT_5 : ProtocolVersion.MQTT_3_1_1, packet);
    }

    private static Message message(String topic, String payload, QoS qos, boolean retain,
                                   MessageProperties properties) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain, properties);
    }

    private static byte[] payload(int bytes) {
        byte[] payload = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            payload[i] = (byte) (i * 31);
        }
        return payload;
    }

    /** Puts the properties of an encoded PUBLISH in the order of their identifiers, keeping that of equal ones. */
    private static final class PropertyOrder {

        static byte[] byIdentifier(byte[] packet, boolean mqtt5) {
            ByteBuf in = Unpooled.wrappedBuffer(packet);
            int first = in.readUnsignedByte();
            readVariableByteInteger(in);
            in.skipBytes(in.readUnsignedShort());
            if ((first & 0x06) != 0) {
                in.skipBytes(2);
            }
            if (!mqtt5) {
                return packet;
            }
            int length = readVariableByteInteger(in);
            int start = in.readerIndex();
            List<byte[]> properties = new ArrayList<>();
            while (in.readerIndex() < start + length) {
                int from = in.readerIndex();
                skipProperty(in, in.readUnsignedByte());
                properties.add(ByteBufUtil.getBytes(in, from, in.readerIndex() - from));
            }
            properties.sort(Comparator.comparingInt(property -> property[0]));
            ByteBuf sorted = Unpooled.buffer(packet.length).writeBytes(packet, 0, start);
            properties.forEach(sorted::writeBytes);
            sorted.writeBytes(packet, in.readerIndex(), packet.length - in.readerIndex());
            return ByteBufUtil.getBytes(sorted);
        }

        private static void skipProperty(ByteBuf in, int id) {
            switch (id) {
                case MqttProperties.PAYLOAD_FORMAT_INDICATOR -> in.skipBytes(1);
                case MqttProperties.PUBLICATION_EXPIRY_INTERVAL -> in.skipBytes(4);
                case MqttProperties.TOPIC_ALIAS -> in.skipBytes(2);
                case MqttProperties.SUBSCRIPTION_IDENTIFIER -> readVariableByteInteger(in);
                case MqttProperties.USER_PROPERTY -> {
                    in.skipBytes(in.readUnsignedShort());
                    in.skipBytes(in.readUnsignedShort());
                }
                case MqttProperties.CONTENT_TYPE, MqttProperties.RESPONSE_TOPIC, MqttProperties.CORRELATION_DATA ->
                        in.skipBytes(in.readUnsignedShort());
                default -> throw new AssertionError("not a PUBLISH property: " + id);
            }
        }

        private static int readVariableByteInteger(ByteBuf in) {
            int value = 0;
            int shift = 0;
            int digit;
            do {
                digit = in.readUnsignedByte();
                value |= (digit & 0x7F) << shift;
                shift += 7;
            } while ((digit & 0x80) != 0);
            return value;
        }
    }
}
