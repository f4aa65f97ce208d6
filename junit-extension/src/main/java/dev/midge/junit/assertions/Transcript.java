package dev.midge.junit.assertions;

import dev.midge.broker.BrokerEvent;
import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.Payloads;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.Recording;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders a broker's recorded traffic for people reading a failed test: one line per event, oldest first, e.g.
 *
 * <pre>
 * 12:00:01.120  pi-1      → CONNECT     v4 clean keepAlive=60s tcp
 * 12:00:01.123  pi-1      → PUBLISH     raspberry/topic qos=1 retain=false "21.5"
 * 12:00:01.124  sub-1     ← DELIVER     raspberry/topic qos=1 retain=false "21.5"
 * 12:00:03.500  pi-1        DISCONNECT  KEEP_ALIVE_TIMEOUT
 * 12:00:03.501  pi-1        WILL        raspberry/status qos=1 retain=true "{\"status\":\"Off\"}"
 * </pre>
 *
 * <p>→ marks what a client sent, ← what the broker sent it. Times are local wall-clock times; payloads are
 * abbreviated; the MQTT 5 properties of a message that has any follow its payload in braces. Every assertion of
 * {@link dev.midge.junit.MqttAssertions} appends a transcript to its failure message.
 */
public final class Transcript {

    /** How many of the most recent events a transcript shows. */
    public static final int SHOWN_EVENTS = 30;

    private static final int PAYLOAD_CHARS = 40;
    private static final int MIN_CLIENT_WIDTH = 8;
    private static final int MAX_CLIENT_WIDTH = 24;
    private static final int VERB_WIDTH = 12;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private Transcript() {
    }

    /**
     * @param broker the broker whose recording to render
     * @return a heading and the last {@value #SHOWN_EVENTS} recorded events, saying how many earlier ones are not
     *         shown and how many the recording forgot
     */
    public static String of(BrokerHandle broker) {
        return render(broker, SHOWN_EVENTS);
    }

    /**
     * Renders every recorded event, for a report file rather than a failure message.
     *
     * @param broker the broker whose recording to render
     * @return a heading and every recorded event, saying how many older ones the recording forgot
     */
    public static String whole(BrokerHandle broker) {
        return render(broker, Integer.MAX_VALUE);
    }

    private static String render(BrokerHandle broker, int shown) {
        Recording recording = broker.recording();
        List<BrokerEvent> events = recording.events();
        long forgotten = recording.forgottenEvents();
        if (events.isEmpty() && forgotten == 0) {
            return "Broker traffic: nothing recorded.";
        }
        StringBuilder text = new StringBuilder("Broker traffic, oldest first:");
        int hidden = Math.max(0, events.size() - shown);
        if (hidden > 0 || forgotten > 0) {
            text.append("\n  … ").append(hidden).append(hidden == 1 ? " earlier event" : " earlier events")
                    .append(" not shown");
            if (forgotten > 0) {
                text.append(", ").append(forgotten).append(" older ones forgotten by the recording");
            }
        }
        return text.append(lines(events.subList(hidden, events.size()), broker.isExternal())).toString();
    }

    /**
     * Renders events as transcript lines, each starting on a new line with an indent.
     *
     * @param events   the events, in order
     * @param external whether the broker is external (the publisher of a message is then unknown)
     * @return the lines, or an empty string for no events
     */
    static String lines(List<? extends BrokerEvent> events, boolean external) {
        return lines(events, external, event -> "");
    }

    /**
     * Renders events as transcript lines with a note after each.
     *
     * @param events   the events, in order
     * @param external whether the broker is external
     * @param note     what to append to an event's line; empty for nothing
     * @return the lines, or an empty string for no events
     */
    static <E extends BrokerEvent> String lines(List<E> events, boolean external, Function<E, String> note) {
        int clientWidth = MIN_CLIENT_WIDTH;
        for (BrokerEvent event : events) {
            clientWidth = Math.max(clientWidth, Math.min(MAX_CLIENT_WIDTH, client(event, external).length()));
        }
        StringBuilder text = new StringBuilder();
        for (E event : events) {
            String noted = Objects.requireNonNullElse(note.apply(event), "");
            text.append("\n  ").append(TIME.format(event.time())).append("  ")
                    .append(pad(client(event, external), clientWidth)).append("  ").append(describe(event))
                    .append(noted.isEmpty() ? "" : "  — " + noted);
        }
        return text.toString();
    }

    /**
     * @param message a message
     * @return its topic, QoS, retain flag, abbreviated payload and MQTT 5 properties if it has any, e.g.
     *         {@code a/b qos=1 retain=false "21.5" {contentType=application/json, userProperties=[unit=C]}}
     */
    static String message(Message message) {
        return message.topic() + " qos=" + message.qos().value() + " retain=" + message.retain() + " "
                + Payloads.abbreviate(message.payload(), PAYLOAD_CHARS) + properties(message.properties());
    }

    private static String properties(MessageProperties properties) {
        if (properties.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (properties.payloadFormatIndicator() != null) {
            parts.add("payloadFormat=" + properties.payloadFormatIndicator());
        }
        if (properties.messageExpiryInterval() != null) {
            parts.add("expiry=" + properties.messageExpiryInterval() + "s");
        }
        if (properties.contentType() != null) {
            parts.add("contentType=" + properties.contentType());
        }
        if (properties.responseTopic() != null) {
            parts.add("responseTopic=" + properties.responseTopic());
        }
        if (properties.correlationData() != null) {
            parts.add("correlationData=" + Payloads.abbreviate(properties.correlationData(), PAYLOAD_CHARS));
        }
        if (!properties.userProperties().isEmpty()) {
            parts.add(properties.userProperties().stream().map(p -> p.name() + "=" + p.value())
                    .collect(Collectors.joining(", ", "userProperties=[", "]")));
        }
        return " {" + String.join(", ", parts) + "}";
    }

    private static String client(BrokerEvent event, boolean external) {
        if (event.clientId() != null) {
            return event.clientId();
        }
        return external ? "(unknown)" : "(broker)";
    }

    private static String describe(BrokerEvent event) {
        if (event instanceof BrokerEvent.MessagePublished published) {
            return "→ " + pad("PUBLISH", VERB_WIDTH) + message(published.message());
        }
        if (event instanceof BrokerEvent.MessageDelivered delivered) {
            return "← " + pad("DELIVER", VERB_WIDTH) + message(delivered.message())
                    + (delivered.duplicate() ? " dup" : "");
        }
        if (event instanceof BrokerEvent.MessageDropped dropped) {
            return "  " + pad("DROPPED", VERB_WIDTH) + message(dropped.message()) + " reason=" + dropped.reason();
        }
        if (event instanceof BrokerEvent.PublishRefused refused) {
            return "→ " + pad("REFUSED", VERB_WIDTH) + message(refused.message()) + " (" + refused.reason() + ")";
        }
        if (event instanceof BrokerEvent.WillPublished will) {
            return "  " + pad("WILL", VERB_WIDTH) + message(will.message());
        }
        if (event instanceof BrokerEvent.Subscribed subscribed) {
            return "→ " + pad("SUBSCRIBE", VERB_WIDTH) + subscribed.filter()
                    + " qos=" + subscribed.requestedQos().value() + " granted=" + subscribed.grantedQos().value();
        }
        if (event instanceof BrokerEvent.SubscriptionRefused refused) {
            return "→ " + pad("SUBSCRIBE", VERB_WIDTH) + refused.filter() + " refused: " + refused.reason();
        }
        if (event instanceof BrokerEvent.Unsubscribed unsubscribed) {
            return "→ " + pad("UNSUBSCRIBE", VERB_WIDTH) + unsubscribed.filter()
                    + (unsubscribed.existed() ? "" : " (no such subscription)");
        }
        return describeConnection(event);
    }

    private static String describeConnection(BrokerEvent event) {
        if (event instanceof BrokerEvent.ClientConnected connected) {
            return "→ " + pad("CONNECT", VERB_WIDTH) + "v" + connected.protocolVersion()
                    + (connected.cleanStart() ? " clean" : " persistent")
                    + (connected.sessionPresent() ? " session-present" : "")
                    + " keepAlive=" + connected.keepAliveSeconds() + "s "
                    + connected.transport().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (connected.username() == null ? "" : " user=" + connected.username());
        }
        if (event instanceof BrokerEvent.ConnectionRefused refused) {
            return "← " + pad("REFUSED", VERB_WIDTH) + refused.code();
        }
        if (event instanceof BrokerEvent.BridgeConnected bridge) {
            return "  " + pad("BRIDGE UP", VERB_WIDTH) + bridge.bridge() + " to " + bridge.address();
        }
        if (event instanceof BrokerEvent.BridgeDisconnected bridge) {
            return "  " + pad("BRIDGE DOWN", VERB_WIDTH) + bridge.bridge() + " (" + bridge.reason() + ")";
        }
        BrokerEvent.ClientDisconnected disconnected = (BrokerEvent.ClientDisconnected) event;
        return (disconnected.reason().isClean() ? "→ " : "  ") + pad("DISCONNECT", VERB_WIDTH) + disconnected.reason()
                + (disconnected.detail().isEmpty() ? "" : " (" + disconnected.detail() + ")");
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
