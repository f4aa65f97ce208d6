package dev.midge.broker.internal.transport;

import dev.midge.broker.ConnectCode;
import dev.midge.broker.internal.BrokerCore;
import dev.midge.broker.internal.ClientLink;
import dev.midge.broker.internal.ConnectAttempt;
import dev.midge.broker.internal.ConnectOutcome;
import dev.midge.broker.internal.ProtocolVersion;
import dev.midge.broker.internal.Scheduler;
import dev.midge.broker.internal.Session;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * The CONNECT handshake of one connection, from its start to CONNACK: reads the CONNECT, runs the enhanced
 * authentication exchange of a client that names an Authentication Method, lets the core decide, and answers with the
 * CONNACK that accepts or refuses the client. It keeps the rules of that stretch: CONNECT comes first and once, only
 * AUTH and DISCONNECT come between a CONNECT naming a method and its CONNACK [MQTT-3.1.2-30], and the exchange ends
 * within the connect timeout counted from the connection's start.
 *
 * <p>The connection holds it until the client is accepted and drops it then: what the running connection keeps, it is
 * handed in {@link Connection#accepted}.
 *
 * <p>Every method runs on the broker's event-loop thread, where the exchange's deadline fires too.
 */
final class ConnectHandshake {

    /** What the handshake needs of its connection. */
    interface Connection {

        /**
         * @param packet   the bytes of a CONNACK or AUTH for the client, which the connection now owns
         * @param promises whether the packet promises the client something the broker's state must keep: a
         *                 CONNACK does, an AUTH does not
         */
        void send(ByteBuf packet, boolean promises);

        /** Ends the connection with the CONNACK given, which refuses the CONNECT. */
        void refuse(ByteBuf connack, String why);

        /** Ends the connection unanswered for a broken protocol rule. */
        void protocolError(String why);

        /** The client sent DISCONNECT during the authentication exchange. */
        void clientDisconnected(int reasonCode, Long newSessionExpiry);

        /**
         * Takes the terms of a CONNECT the core is about to decide on.
         *
         * @param publishes       writes the client's PUBLISH packets, in its protocol version
         * @param receiveMaximum  how many QoS 1/2 messages the client takes unacknowledged
         * @return the connection as the core's link to the client
         */
        ClientLink admitting(PublishWriter publishes, int receiveMaximum);

        /**
         * The core has accepted the client: the running connection starts, and the CONNACK follows.
         *
         * @param authentication  the client's enhanced authentication, for re-authentication, or null
         * @param noSessionExpiry whether the session ends with the connection, which DISCONNECT may not change
         */
        void accepted(Session session, EnhancedAuthentication authentication, boolean noSessionExpiry);
    }

    private final Connection connection;
    private final ChannelHandlerContext channel;
    private final BrokerCore core;
    private final Listener listener;
    private final ReadTimeout readTimeout;
    /** When the connection started, which the exchange's deadline is counted from. */
    private final long startMillis;

    private ProtocolVersion protocolVersion = ProtocolVersion.MQTT_3_1_1;
    /** The CONNECT read and not yet decided on, which a failure while deciding refuses as an event too. */
    private ConnectAttempt undecided;
    /** A CONNECT that awaits the end of its authentication exchange, with the writer of its PUBLISH packets. */
    private ConnectReading.Read pending;
    private PublishWriter pendingPublishes;
    private EnhancedAuthentication authentication;
    private Scheduler.Cancellable deadline;

    /**
     * @param channel     the context of the connection's {@link ConnectionTail}
     * @param readTimeout the connection's read timeout, which becomes the keep-alive check at CONNACK
     */
    ConnectHandshake(Connection connection, ChannelHandlerContext channel, BrokerCore core, Listener listener,
                     ReadTimeout readTimeout) {
        this.connection = connection;
        this.channel = channel;
        this.core = core;
        this.listener = listener;
        this.readTimeout = readTimeout;
        this.startMillis = listener.timers().millis();
    }

    /** A packet from a client not yet accepted. */
    void received(MqttMessage packet) {
        MqttMessageType type = packet.fixedHeader().messageType();
        if (pending == null) {
            if (packet instanceof MqttConnectMessage connect) {
                connect(connect);
            } else {
                connection.protocolError(type + " before CONNECT");
            }
        } else if (type == MqttMessageType.AUTH) {
            act(authentication.auth(packet));
        } else if (type == MqttMessageType.DISCONNECT) {
            connection.clientDisconnected(ReasonCode.SUCCESS.value(), null);
        } else if (type == MqttMessageType.CONNECT) {
            connection.protocolError(PacketHandler.SECOND_CONNECT);
        } else {
            end(ConnectCode.PROTOCOL_ERROR, type + " before CONNACK from a client that named an Authentication Method"
                    + " [MQTT-3.1.2-30]");
        }
    }

    private void connect(MqttConnectMessage connect) {
        protocolVersion = ProtocolVersion.of(connect.variableHeader().version());
        ConnectReading.Result result = ConnectReading.read(connect, ConnectionTail.address(channel),
                listener.transport(), listener.transport().tls() ? TlsPeer.certificate(channel.pipeline()) : null);
        if (result instanceof ConnectReading.Refused refused) {
            if (refused.unanswered()) {
                connection.protocolError(refused.why());
            } else {
                refuse(refused.reasonCode(), refused.why());
            }
            return;
        }
        ConnectReading.Read read = (ConnectReading.Read) result;
        undecided = read.attempt();
        PublishWriter publishes = new PublishWriter(protocolVersion,
                OutboundTopicAliases.asked(connect.variableHeader().properties(), listener.topicAliases()));
        String method = read.attempt().authenticationMethod();
        if (method == null) {
            accept(read, publishes, null);
            return;
        }
        authentication = EnhancedAuthentication.of(listener, read.attempt());
        if (authentication == null) {
            refuse(read.attempt(), ConnectCode.BAD_AUTHENTICATION_METHOD,
                    EnhancedAuthentication.unsupported(listener, method));
            return;
        }
        pending = read;
        pendingPublishes = publishes;
        // Counted from the connection's start, so the deadline comes before the read timeout, which restarts with
        // every packet, and the client learns why in a CONNACK instead of seeing the connection just end.
        long left = listener.connectTimeoutMillis() - (listener.timers().millis() - startMillis);
        Scheduler.Cancellable exchangeDeadline = listener.timers().schedule(channel.channel(), Math.max(0, left),
                this::exchangeTimedOut);
        deadline = exchangeDeadline;
        // Holds the deadline alone, not this handshake, which the connection drops at CONNACK.
        channel.channel().closeFuture().addListener(closed -> exchangeDeadline.cancel());
        act(authentication.start(read.authenticationData()));
    }

    private void act(EnhancedAuthentication.Turn turn) {
        if (turn instanceof EnhancedAuthentication.Reply reply) {
            connection.send(reply.packet(channel.alloc()), false);
        } else if (turn instanceof EnhancedAuthentication.Proven proven) {
            ConnectReading.Read read = pending;
            pending = null;
            deadline.cancel();
            accept(read.withUsername(proven.username()), pendingPublishes, proven.data());
        } else if (turn instanceof EnhancedAuthentication.Failed failed) {
            end(failed.code(), failed.why());
        } else if (turn instanceof EnhancedAuthentication.Broken broken) {
            end(ConnectCode.PROTOCOL_ERROR, broken.why());
        }
    }

    /** Ends an unfinished exchange: the CONNECT is refused. */
    private void end(ConnectCode code, String why) {
        ConnectAttempt attempt = pending.attempt();
        pending = null;
        deadline.cancel();
        refuse(attempt, code, why);
    }

    /**
     * A CONNECT that keeps the rules, with no method or one its exchange accepted: the core decides.
     *
     * @param authenticationData the exchange's last data, for the CONNACK, or null
     */
    private void accept(ConnectReading.Read read, PublishWriter publishes, byte[] authenticationData) {
        ConnectAttempt attempt = read.attempt();
        publishes.maximumPacketSize(read.maximumPacketSize());
        ClientLink link = connection.admitting(publishes, read.receiveMaximum());
        ConnectOutcome outcome = core.connect(attempt, link);
        undecided = null;
        if (!outcome.code().isAccepted()) {
            refuse(outcome.code().codeFor(protocolVersion.level()), outcome.code().name());
            return;
        }
        Session session = outcome.session();
        boolean v5 = protocolVersion.isMqtt5();
        int keepAlive = attempt.keepAliveSeconds();
        int serverKeepAlive = -1;
        int max = listener.maxKeepAliveSeconds();
        if (v5 && max > 0 && (keepAlive == 0 || keepAlive > max)) {
            serverKeepAlive = max;
            keepAlive = max;
        }
        connection.accepted(session, authentication, attempt.sessionExpirySeconds() == 0);
        NetworkFaults.identified(channel.pipeline());
        readTimeout.keepAlive(keepAlive);
        String askingClientId = read.requestsResponseInformation() ? session.clientId() : null;
        MqttProperties properties = v5 ? ConnackProperties.of(listener, outcome.assignedClientId(), serverKeepAlive,
                askingClientId) : MqttProperties.NO_PROPERTIES;
        if (v5 && authentication != null) {
            // A CONNACK that accepts names the CONNECT's method [MQTT-4.12.0-5], with the exchange's last data.
            properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD,
                    authentication.method()));
            if (authenticationData != null) {
                properties.add(new MqttProperties.BinaryProperty(MqttProperties.AUTHENTICATION_DATA,
                        authenticationData));
            }
        }
        connection.send(ControlPacketEncoding.connack(channel.alloc(), protocolVersion, 0, outcome.sessionPresent(),
                properties), true);
        core.connected(session);
    }

    /** Refuses the CONNECT with a CONNACK return code (3.x) or reason code (5.0) and ends the connection. */
    void refuse(int code, String why) {
        connection.refuse(ControlPacketEncoding.connack(channel.alloc(), protocolVersion, code, false,
                protocolVersion.isMqtt5() ? WireProperties.reasonString(why) : MqttProperties.NO_PROPERTIES), why);
    }

    /** Refuses a CONNECT the core has not decided on, as an event too. */
    private void refuse(ConnectAttempt attempt, ConnectCode code, String why) {
        undecided = null;
        core.refuse(attempt, code);
        refuse(code.codeFor(protocolVersion.level()), why);
    }

    /** Takes the protocol version of a CONNECT that could not be read, to answer it in that version. */
    void adoptProtocolVersion(int level) {
        protocolVersion = ProtocolVersion.of(level);
    }

    /**
     * Handling a packet failed in the broker or an application callback: the client learns it in a CONNACK, and an
     * exchange under way is over, so that its deadline cannot refuse the CONNECT a second time while the connection
     * drains.
     */
    void failed(String what) {
        if (undecided == null) {
            refuse(ConnectCode.SERVER_UNAVAILABLE.codeFor(protocolVersion.level()), what);
            return;
        }
        if (pending != null) {
            pending = null;
            deadline.cancel();
        }
        refuse(undecided, ConnectCode.SERVER_UNAVAILABLE, what);
    }

    /** The connection's read timeout has passed: no CONNECT came, or its exchange has not ended. */
    void timedOut() {
        if (pending != null) {
            exchangeTimedOut();
        } else {
            connection.protocolError("no CONNECT within the connect timeout");
        }
    }

    /** The connect timeout has passed with the exchange unfinished: the client learns why in a CONNACK. */
    private void exchangeTimedOut() {
        if (pending != null) {
            end(ConnectCode.NOT_AUTHORIZED, authentication.method() + " did not end within the connect timeout of "
                    + listener.connectTimeoutMillis() + " ms");
        }
    }
}
