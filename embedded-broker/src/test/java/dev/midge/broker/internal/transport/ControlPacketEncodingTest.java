package dev.midge.broker.internal.transport;

import dev.midge.broker.Transport;
import dev.midge.broker.internal.ProtocolVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's own encoding of the packets it sends but PUBLISH holds exactly the bytes the MQTT codec writes for the
 * same packet and protocol version, properties in the same order.
 */
class ControlPacketEncodingTest {

    private static final UnpooledByteBufAllocator ALLOCATOR = UnpooledByteBufAllocator.DEFAULT;
    private static final String MULTI_BYTE = "pièce € 𝄞";

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void aConnackWithEveryPropertyTheBrokerSendsIsWrittenAsTheCodecWritesIt(ProtocolVersion version) {
        Listener listener = listener(1_048_576, 10, "replies/");
        MqttProperties properties = ConnackProperties.of(listener, "auto-" + MULTI_BYTE, 30, "kitchen");
        properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, "SCRAM-SHA-256"));
        properties.add(new MqttProperties.BinaryProperty(MqttProperties.AUTHENTICATION_DATA, new byte[]{0, 1, -1}));
        properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, MULTI_BYTE));
        for (boolean sessionPresent : new boolean[]{false, true}) {
            assertSame(version, codecConnack(0, sessionPresent, properties),
                    ControlPacketEncoding.connack(ALLOCATOR, version, 0, sessionPresent, properties));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void refusingAndMinimalConnacksAreWrittenAsTheCodecWritesThem(ProtocolVersion version) {
        int code = version.isMqtt5() ? ReasonCode.NOT_AUTHORIZED.value() : 5;
        assertSame(version, codecConnack(code, false, WireProperties.reasonString("no such user")),
                ControlPacketEncoding.connack(ALLOCATOR, version, code, false,
                        WireProperties.reasonString("no such user")));
        Listener plain = listener(268_435_455, 65535, null);
        MqttProperties defaults = ConnackProperties.of(plain, null, -1, null);
        assertSame(version, codecConnack(0, false, defaults),
                ControlPacketEncoding.connack(ALLOCATOR, version, 0, false, defaults));
        assertSame(version, codecConnack(0, false, MqttProperties.NO_PROPERTIES),
                ControlPacketEncoding.connack(ALLOCATOR, version, 0, false, MqttProperties.NO_PROPERTIES));
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void publishAcknowledgementsAreWrittenAsTheCodecWritesThemWithAndWithoutAReasonCode(ProtocolVersion version) {
        for (MqttMessageType type : List.of(MqttMessageType.PUBACK, MqttMessageType.PUBREC, MqttMessageType.PUBREL,
                MqttMessageType.PUBCOMP)) {
            for (ReasonCode code : List.of(ReasonCode.SUCCESS, ReasonCode.NO_MATCHING_SUBSCRIBERS,
                    ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, ReasonCode.NOT_AUTHORIZED)) {
                for (int packetId : new int[]{1, 0x0102, 65535}) {
                    MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
                    MqttMessage codec = new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                            new MqttPubReplyMessageVariableHeader(packetId, (byte) code.value(),
                                    MqttProperties.NO_PROPERTIES));
                    assertSame(version, codec,
                            ControlPacketEncoding.reply(ALLOCATOR, version, type, packetId, code));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void subscribeAndUnsubscribeAcknowledgementsAreWrittenAsTheCodecWritesThem(ProtocolVersion version) {
        List<Integer> granted = List.of(0, 1, 2, 0x80, 0x87);
        MqttSubAckMessage suback = new MqttSubAckMessage(
                new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(513, MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(granted));
        assertSame(version, suback, ControlPacketEncoding.suback(ALLOCATOR, version, 513, granted));
        List<Short> codes = List.of((short) 0, (short) 0x11, (short) 0x87);
        MqttMessageBuilders.UnsubAckBuilder unsuback = MqttMessageBuilders.unsubAck().packetId(65535);
        if (version.isMqtt5()) {
            unsuback.addReasonCodes(codes.toArray(new Short[0]));
        }
        assertSame(version, unsuback.build(), ControlPacketEncoding.unsuback(ALLOCATOR, version, 65535, codes));
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void pingrespAndDisconnectAreWrittenAsTheCodecWritesThem(ProtocolVersion version) {
        assertSame(version, new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false,
                MqttQoS.AT_MOST_ONCE, false, 0)), ControlPacketEncoding.pingresp(ALLOCATOR));
        for (ReasonCode code : List.of(ReasonCode.SUCCESS, ReasonCode.SESSION_TAKEN_OVER,
                ReasonCode.PACKET_TOO_LARGE)) {
            for (String reason : new String[]{"", "taken over by " + MULTI_BYTE}) {
                MqttMessage codec = new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false,
                        MqttQoS.AT_MOST_ONCE, false, 0), new MqttReasonCodeAndPropertiesVariableHeader(
                        (byte) code.value(), WireProperties.reasonString(reason)));
                assertSame(version, codec, ControlPacketEncoding.disconnect(ALLOCATOR, version, code, reason));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ReasonCode.class, names = {"SUCCESS", "CONTINUE_AUTHENTICATION"})
    void authIsWrittenAsTheCodecWritesItWithAndWithoutData(ReasonCode code) {
        for (byte[] data : new byte[][]{null, {}, {1, 2, (byte) 0xFF}}) {
            MqttProperties properties = new MqttProperties();
            properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, "SCRAM-SHA-1"));
            if (data != null) {
                properties.add(new MqttProperties.BinaryProperty(MqttProperties.AUTHENTICATION_DATA, data));
            }
            MqttMessage codec = MqttMessageBuilders.auth().reasonCode((byte) code.value())
                    .properties(properties).build();
            assertSame(ProtocolVersion.MQTT_5, codec,
                    ControlPacketEncoding.auth(ALLOCATOR, code, "SCRAM-SHA-1", data));
        }
    }

    private static Listener listener(int maxPacketSize, int receiveMaximum, String responseInformation) {
        return new Listener(Transport.TCP, maxPacketSize, 10_000, 0, receiveMaximum, 10_000, Map.of(),
                responseInformation, true, null);
    }

    private static MqttMessage codecConnack(int code, boolean sessionPresent, MqttProperties properties) {
        return new MqttConnAckMessage(
                new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf((byte) code), sessionPresent, properties));
    }

    private static void assertSame(ProtocolVersion version, MqttMessage codec, ByteBuf ours) {
        try {
            assertThat(ours.writerIndex()).as("exact size").isEqualTo(ours.capacity());
            assertThat(ByteBufUtil.hexDump(ours)).isEqualTo(ByteBufUtil.hexDump(CodecOutput.of(version, codec)));
        } finally {
            ours.release();
        }
    }
}
