package dev.midge.broker;

/**
 * The MQTT rules for topic names and topic filters, as the broker applies them: for code and tests that check or
 * match topics the way the broker does.
 */
public final class Topics {

    /** The prefix of a shared subscription filter: {@code $share/{group}/{filter}}. */
    public static final String SHARE_PREFIX = "$share/";

    private Topics() {
    }

    /**
     * @param topic a topic name from PUBLISH or a will
     * @return null when valid, otherwise why not
     */
    public static String checkTopicName(String topic) {
        if (topic == null || topic.isEmpty()) {
            return "a topic name must not be empty";
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                return "a topic name must not contain wildcards: " + topic;
            }
            if (c == 0) {
                return "a topic name must not contain the null character";
            }
        }
        return null;
    }

    /**
     * @param filter a topic filter from SUBSCRIBE or UNSUBSCRIBE, without a {@code $share/} prefix
     * @return null when valid, otherwise why not
     */
    public static String checkFilter(String filter) {
        if (filter == null || filter.isEmpty()) {
            return "a topic filter must not be empty";
        }
        int levelStart = 0;
        for (int i = 0; i <= filter.length(); i++) {
            if (i == filter.length() || filter.charAt(i) == '/') {
                String problem = checkLevel(filter, levelStart, i);
                if (problem != null) {
                    return problem;
                }
                levelStart = i + 1;
            } else if (filter.charAt(i) == 0) {
                return "a topic filter must not contain the null character";
            }
        }
        return null;
    }

    private static String checkLevel(String filter, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = filter.charAt(i);
            if (c == '#') {
                if (end - start != 1) {
                    return "'#' must occupy a whole level: " + filter;
                }
                if (end != filter.length()) {
                    return "'#' must be the last level: " + filter;
                }
            } else if (c == '+' && end - start != 1) {
                return "'+' must occupy a whole level: " + filter;
            }
        }
        return null;
    }

    /**
     * @param filter a valid topic filter (no {@code $share/} prefix)
     * @param topic  a valid topic name
     * @return whether the filter matches the topic, with the rule that a leading wildcard does not match a topic
     *         starting with {@code $}
     */
    public static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        int f = 0;
        int t = 0;
        while (true) {
            int fEnd = levelEnd(filter, f);
            int tEnd = levelEnd(topic, t);
            boolean wildcardLevel = fEnd - f == 1 && filter.charAt(f) == '+';
            if (fEnd - f == 1 && filter.charAt(f) == '#') {
                return true;
            }
            if (!wildcardLevel && (fEnd - f != tEnd - t || !filter.regionMatches(f, topic, t, fEnd - f))) {
                return false;
            }
            boolean filterEnds = fEnd == filter.length();
            boolean topicEnds = tEnd == topic.length();
            if (topicEnds) {
                return filterEnds || (fEnd + 2 == filter.length() && filter.startsWith("/#", fEnd));
            }
            if (filterEnds) {
                return false;
            }
            f = fEnd + 1;
            t = tEnd + 1;
        }
    }

    private static int levelEnd(String s, int from) {
        int slash = s.indexOf('/', from);
        return slash < 0 ? s.length() : slash;
    }
}
