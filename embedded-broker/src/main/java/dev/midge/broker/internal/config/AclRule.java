package dev.midge.broker.internal.config;

import dev.midge.broker.Topics;

/**
 * One {@code topic} or {@code pattern} line of an ACL file: what it allows or denies, on which topic filter.
 *
 * @param access what the line grants
 * @param filter the topic filter it covers; in a pattern, a level may be {@code %c} or {@code %u}
 */
record AclRule(Access access, String filter) {

    enum Access {
        READ, WRITE, READWRITE, DENY;

        boolean reads() {
            return this == READ || this == READWRITE;
        }

        boolean writes() {
            return this == WRITE || this == READWRITE;
        }
    }

    /**
     * @return this pattern with each {@code %c} level replaced by the client id and each {@code %u} level by the user
     *         name; null when a name it needs is missing or holds {@code /}, {@code +} or {@code #}, which would make
     *         the rule cover other clients' topics
     */
    AclRule substitute(String clientId, String username) {
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].equals("%c") || levels[i].equals("%u")) {
                String name = levels[i].equals("%c") ? clientId : username;
                if (name == null || name.isEmpty() || name.contains("/") || name.contains("+") || name.contains("#")) {
                    return null;
                }
                levels[i] = name;
            }
        }
        return new AclRule(access, String.join("/", levels));
    }

    /** @return whether this rule's filter matches the topic */
    boolean matchesTopic(String topic) {
        return Topics.matches(filter, topic);
    }

    /**
     * @return whether every topic the subscription filter matches is matched by this rule's filter
     */
    boolean coversFilter(String subscription) {
        if (subscription.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] rule = filter.split("/", -1);
        String[] wanted = subscription.split("/", -1);
        for (int i = 0; i < rule.length; i++) {
            if (rule[i].equals("#")) {
                return true;
            }
            if (i == wanted.length) {
                return false;
            }
            if (wanted[i].equals("#") || (!rule[i].equals("+") && !rule[i].equals(wanted[i]))) {
                return false;
            }
        }
        return rule.length == wanted.length;
    }
}
