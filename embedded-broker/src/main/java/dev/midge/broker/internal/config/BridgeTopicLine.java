package dev.midge.broker.internal.config;

import dev.midge.broker.Bridge;
import dev.midge.broker.QoS;

/**
 * A bridge's {@code topic} line as Mosquitto reads it: {@code topic PATTERN [in|out|both] [QOS] [LOCAL_PREFIX
 * REMOTE_PREFIX]}, the direction {@code out} and the QoS 0 unless given, and {@code ""} for an empty pattern or prefix.
 *
 * @param pattern      the topic filter, empty when a prefix alone is the topic
 * @param direction    which way messages travel
 * @param qos          the subscription's QoS
 * @param localPrefix  the prefix on this broker, empty for none
 * @param remotePrefix the prefix upstream, empty for none
 */
record BridgeTopicLine(String pattern, Bridge.Direction direction, QoS qos, String localPrefix,
                       String remotePrefix) {

    private static final String EMPTY = "\"\"";
    private static final String SYNTAX = "takes 'topic PATTERN [in|out|both] [QOS] [LOCAL_PREFIX REMOTE_PREFIX]'";

    static BridgeTopicLine parse(Value value) {
        String[] words = value.text().split("\\s+");
        if (words.length > 5) {
            throw value.problem(SYNTAX + ", not '" + value.raw() + "'");
        }
        Bridge.Direction direction = words.length > 1 ? direction(value, words[1]) : Bridge.Direction.OUT;
        QoS qos = words.length > 2 ? qos(value, words[2]) : QoS.AT_MOST_ONCE;
        if (words.length == 4) {
            throw value.problem("has a local prefix without a remote prefix: write both, \"\" for an empty one");
        }
        BridgeTopicLine line = new BridgeTopicLine(unquote(words[0]), direction, qos,
                words.length == 5 ? unquote(words[3]) : "", words.length == 5 ? unquote(words[4]) : "");
        if (line.pattern.isEmpty() && line.localPrefix.isEmpty() && line.remotePrefix.isEmpty()) {
            throw value.problem("has an empty pattern without a prefix to stand for it");
        }
        return line;
    }

    private static Bridge.Direction direction(Value value, String word) {
        return switch (word) {
            case "in" -> Bridge.Direction.IN;
            case "out" -> Bridge.Direction.OUT;
            case "both" -> Bridge.Direction.BOTH;
            default -> throw value.problem("direction must be in, out or both, not '" + word + "'");
        };
    }

    private static QoS qos(Value value, String word) {
        return switch (word) {
            case "0" -> QoS.AT_MOST_ONCE;
            case "1" -> QoS.AT_LEAST_ONCE;
            case "2" -> QoS.EXACTLY_ONCE;
            default -> throw value.problem("QoS must be 0, 1 or 2, not '" + word + "'");
        };
    }

    private static String unquote(String word) {
        return word.equals(EMPTY) ? "" : word;
    }
}
