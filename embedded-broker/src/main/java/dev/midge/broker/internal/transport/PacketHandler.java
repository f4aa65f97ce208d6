package dev.midge.broker.internal.transport;

import dev.midge.broker.DisconnectReason;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.broker.Topics;
import dev.midge.broker.internal.BrokerCore;
import dev.midge.broker.internal.Session;
import dev.midge.broker.internal.SubscribeOutcome;
import dev.midge.broker.internal.SubscribeRequest;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Handles the packets of a connected client: maps them to the core and answers with the acknowledgements the
 * protocol version calls for.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class PacketHandler {

    /** Why a CONNECT from a client whose CONNECT came before is a protocol error. */
    static final String SECOND_CONNECT = "second CONNECT on one connection";

    private final Peer connection;
    private final BrokerCore core;
    private final int inboundReceiveMaximum;
    /**
     * Whether the client is a bridge that said so in its CONNECT's protocol level, as Mosquitto's do: its
     * subscriptions are no-local and retain as published, whatever it asked.
     */
    private boolean bridgeClient;
    /** Made when the client sends its first topic alias: most clients send none. */
    private InboundTopicAliases topicAliases;
    /** The enhanced authentication of a client that named an Authentication Method: most clients name none. */
    private EnhancedAuthentication authentication;
    /** Whether the CONNECT asked for a session that ends with the connection, which DISCONNECT may not change. */
    private boolean noSessionExpiryAtConnect;

    /**
     * @param inboundReceiveMaximum how many QoS 2 messages an MQTT 5 client may have awaiting PUBREL
     */
    PacketHandler(Peer connection, BrokerCore core, int inboundReceiveMaximum) {
        this.connection = connection;
        this.core = core;
        this.inboundReceiveMaximum = inboundReceiveMaximum;
    }

    /** The client's CONNECT says it is a bridge. */
    void bridgeClient() {
        bridgeClient = true;
    }

    /**
     * The client is accepted: its packets come here from now on.
     *
     * @param authentication  its enhanced authentication, for re-authentication, or null
     * @param noSessionExpiry whether its session ends with the connection
     */
    void accepted(EnhancedAuthentication authentication, boolean noSessionExpiry) {
        this.authentication = authentication;
        this.noSessionExpiryAtConnect = noSessionExpiry;
    }

    void handle(MqttMessage packet, Session session) {
        switch (packet.fixedHeader().messageType()) {
            case PUBLISH -> publish((MqttPublishMessage) packet, session);
            case PUBACK -> core.acknowledged(session, packetId(packet));
            case PUBREC -> core.received(session, packetId(packet), !isFailure(reasonCode(packet)));
            case PUBREL -> pubrel(packetId(packet), session);
            case PUBCOMP -> core.completed(session, packetId(packet));
            case SUBSCRIBE -> subscribe((MqttSubscribeMessage) packet, session);
            case UNSUBSCRIBE -> unsubscribe((MqttUnsubscribeMessage) packet, session);
            case PINGREQ -> connection.send(ControlPacketEncoding.pingresp(connection.alloc()), false);
            case DISCONNECT -> disconnect(packet);
            case AUTH -> reauthenticate(packet);
            case CONNECT -> connection.protocolError(SECOND_CONNECT);
            default -> connection.protocolError(packet.fixedHeader().messageType() + " is not sent by clients");
        }
    }

    private void publish(MqttPublishMessage packet, Session session) {
        String topic = resolveTopic(packet);
        if (topic == null) {
            return;
        }
        QoS qos = QoS.of(packet.fixedHeader().qosLevel().value());
        int packetId = packet.variableHeader().packetId();
        Message message = new Message(topic, ByteBufUtil.getBytes(packet.payload()), qos,
                packet.fixedHeader().isRetain(), WireProperties.toMessageProperties(packet.variableHeader().properties()));
        if (!WireProperties.payloadMatchesFormat(message.properties(), message.payload())) {
            refuseInvalidPayload(qos, packetId);
            return;
        }
        if (qos == QoS.EXACTLY_ONCE && connection.protocolVersion().isMqtt5() && !session.awaitsRelease(packetId)
                && session.awaitingReleaseCount() >= inboundReceiveMaximum) {
            connection.violation(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "more than "
                    + inboundReceiveMaximum + " QoS 2 messages await PUBREL");
            return;
        }
        switch (qos) {
            case AT_MOST_ONCE -> core.publish(session, message);
            case AT_LEAST_ONCE -> reply(MqttMessageType.PUBACK, packetId, publishAcknowledged(session, message));
            case EXACTLY_ONCE -> {
                ReasonCode code = ReasonCode.SUCCESS;
                if (core.firstReceipt(session, packetId)) {
                    code = publishAcknowledged(session, message);
                    if (code.isFailure()) {
                        core.release(session, packetId);
                    }
                }
                reply(MqttMessageType.PUBREC, packetId, code);
            }
        }
    }

    /**
     * The spec lets the broker refuse a payload that is not the UTF-8 it claims to be: QoS 1 and 2 messages are
     * refused in their acknowledgement, and a QoS 0 message, which has none, ends the connection.
     */
    private void refuseInvalidPayload(QoS qos, int packetId) {
        String why = "the payload is not valid UTF-8 although its payload format indicator says so";
        switch (qos) {
            case AT_MOST_ONCE -> connection.violation(ReasonCode.PAYLOAD_FORMAT_INVALID, why);
            case AT_LEAST_ONCE -> reply(MqttMessageType.PUBACK, packetId,
                    ReasonCode.PAYLOAD_FORMAT_INVALID);
            case EXACTLY_ONCE -> reply(MqttMessageType.PUBREC, packetId,
                    ReasonCode.PAYLOAD_FORMAT_INVALID);
        }
    }

    /**
     * @return the topic, looked up by its alias when the name is empty, or null when the alias is invalid; the
     *         {@link PacketReading} has already refused names the specification forbids
     */
    private String resolveTopic(MqttPublishMessage packet) {
        String topic = packet.variableHeader().topicName();
        Integer alias = connection.protocolVersion().isMqtt5()
                ? WireProperties.intValue(packet.variableHeader().properties(), MqttProperties.TOPIC_ALIAS)
                : null;
        if (alias != null) {
            if (alias == 0 || alias > ConnackProperties.TOPIC_ALIAS_MAXIMUM) {
                connection.violation(ReasonCode.TOPIC_ALIAS_INVALID, "topic alias " + alias
                        + " is outside 1.." + ConnackProperties.TOPIC_ALIAS_MAXIMUM);
                return null;
            }
            if (topicAliases == null) {
                topicAliases = new InboundTopicAliases();
            }
            topic = topicAliases.resolve(topic, alias);
            if (topic == null) {
                connection.violation(ReasonCode.TOPIC_ALIAS_INVALID, "topic alias " + alias + " was never set");
            }
        }
        return topic;
    }

    /**
     * Routes a QoS 1 or 2 message the broker has room for. MQTT 5 lets the broker refuse one it has no room for; an
     * MQTT 3 client cannot be told, so its message is routed and dropped where it cannot be queued.
     *
     * @return the code its PUBACK or PUBREC gives
     */
    private ReasonCode publishAcknowledged(Session session, Message message) {
        if (connection.protocolVersion().isMqtt5() && !core.admit(message)) {
            return ReasonCode.QUOTA_EXCEEDED;
        }
        return ReasonCode.forPublish(core.publish(session, message), connection.protocolVersion());
    }

    private void pubrel(int packetId, Session session) {
        ReasonCode code = core.release(session, packetId) ? ReasonCode.SUCCESS : ReasonCode.PACKET_IDENTIFIER_NOT_FOUND;
        reply(MqttMessageType.PUBCOMP, packetId, code);
    }

    private void subscribe(MqttSubscribeMessage packet, Session session) {
        List<MqttTopicSubscription> topics = packet.payload().topicSubscriptions();
        if (topics.isEmpty()) {
            connection.protocolError("SUBSCRIBE without topic filters");
            return;
        }
        MqttMessageIdAndPropertiesVariableHeader header = packet.idAndPropertiesVariableHeader();
        Integer id = WireProperties.intValue(header.properties(), MqttProperties.SUBSCRIPTION_IDENTIFIER);
        List<SubscribeRequest> requests = new ArrayList<>(topics.size());
        for (MqttTopicSubscription topic : topics) {
            MqttSubscriptionOption option = topic.option();
            boolean bridge = bridgeClient && !topic.topicFilter().startsWith(Topics.SHARE_PREFIX);
            requests.add(new SubscribeRequest(topic.topicFilter(), QoS.of(option.qos().value()),
                    option.isNoLocal() || bridge, option.isRetainAsPublished() || bridge,
                    option.retainHandling().value(), id == null ? 0 : id));
        }
        core.subscribe(session, requests, outcomes -> suback(header.messageId(), outcomes));
    }

    /** @return whether SUBACK went out: not when an outcome is a protocol error, which ends the connection */
    private boolean suback(int packetId, List<SubscribeOutcome> outcomes) {
        List<Integer> codes = new ArrayList<>(outcomes.size());
        for (SubscribeOutcome outcome : outcomes) {
            if (outcome.refusal() == SubscribeOutcome.Refusal.PROTOCOL_ERROR) {
                connection.protocolError("no-local on a shared subscription");
                return false;
            }
            codes.add(outcome.granted() != null ? outcome.granted().value()
                    : ReasonCode.forRefusal(outcome.refusal(), connection.protocolVersion()).value());
        }
        connection.send(ControlPacketEncoding.suback(connection.alloc(), connection.protocolVersion(), packetId,
                codes), true);
        return true;
    }

    private void unsubscribe(MqttUnsubscribeMessage packet, Session session) {
        List<String> filters = packet.payload().topics();
        if (filters.isEmpty()) {
            connection.protocolError("UNSUBSCRIBE without topic filters");
            return;
        }
        List<Short> codes = new ArrayList<>(filters.size());
        for (String filter : filters) {
            codes.add((short) (core.unsubscribe(session, filter) ? ReasonCode.SUCCESS
                    : ReasonCode.NO_SUBSCRIPTION_EXISTED).value());
        }
        connection.send(ControlPacketEncoding.unsuback(connection.alloc(), connection.protocolVersion(),
                packet.idAndPropertiesVariableHeader().messageId(), codes), true);
    }

    private void disconnect(MqttMessage packet) {
        int code = ReasonCode.SUCCESS.value();
        Long expiry = null;
        if (packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
            code = header.reasonCode() & 0xFF;
            Integer value = WireProperties.intValue(header.properties(), MqttProperties.SESSION_EXPIRY_INTERVAL);
            expiry = value == null ? null : Integer.toUnsignedLong(value);
        }
        if (expiry != null && expiry != 0 && noSessionExpiryAtConnect) {
            connection.protocolError("session expiry set at DISCONNECT after 0 at CONNECT");
            return;
        }
        connection.clientDisconnected(code, expiry);
    }

    /** AUTH after CONNACK: a re-authentication, or the client's next answer in one. */
    private void reauthenticate(MqttMessage auth) {
        EnhancedAuthentication.Turn turn = authentication == null
                ? new EnhancedAuthentication.Broken(EnhancedAuthentication.NO_METHOD) : authentication.auth(auth);
        if (turn instanceof EnhancedAuthentication.Reply reply) {
            connection.send(reply.packet(connection.alloc()), false);
        } else if (turn instanceof EnhancedAuthentication.Failed failed) {
            connection.close(DisconnectReason.NOT_AUTHORIZED, failed.why());
        } else if (turn instanceof EnhancedAuthentication.Broken broken) {
            connection.protocolError(broken.why());
        }
    }

    /** PUBACK, PUBREC or PUBCOMP; the first two promise what the broker's state must keep, PUBCOMP nothing. */
    private void reply(MqttMessageType type, int packetId, ReasonCode code) {
        connection.send(ControlPacketEncoding.reply(connection.alloc(), connection.protocolVersion(), type, packetId,
                code), type != MqttMessageType.PUBCOMP);
    }

    private static int packetId(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }

    private static int reasonCode(MqttMessage packet) {
        return packet.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply
                ? reply.reasonCode() & 0xFF
                : ReasonCode.SUCCESS.value();
    }

    private static boolean isFailure(int reasonCode) {
        return reasonCode >= ReasonCode.UNSPECIFIED_ERROR.value();
    }
}
