package dev.midge.broker.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The subscription index: a tree with one level of a topic filter per node, so that matching a topic visits only
 * the branches that can match, whatever the number of subscriptions.
 *
 * <p>Shared subscriptions ({@code $share/group/filter}) sit in the node of their filter, one group per name; each
 * matching message goes to one member of each group, in turn, preferring members whose client is connected.
 *
 * <p>Read and changed only on the broker's thread.
 */
final class TopicTree {

    private static final class Node {
        final Map<String, Node> children = new HashMap<>(4);
        final Map<String, Subscription> subscribers = new LinkedHashMap<>(2);
        final Map<String, SharedGroup> groups = new LinkedHashMap<>(1);

        boolean isEmpty() {
            return children.isEmpty() && subscribers.isEmpty() && groups.isEmpty();
        }
    }

    private static final class SharedGroup {
        final List<Subscription> members = new ArrayList<>(2);
        int next;

        Subscription pick() {
            int size = members.size();
            for (int i = 0; i < size; i++) {
                Subscription candidate = members.get((next + i) % size);
                if (candidate.session().isOnline()) {
                    next = (next + i + 1) % size;
                    return candidate;
                }
            }
            Subscription any = members.get(next % size);
            next = (next + 1) % size;
            return any;
        }

        void remove(String clientId) {
            members.removeIf(s -> s.session().clientId.equals(clientId));
        }
    }

    private final Node root = new Node();
    private int size;

    /**
     * Adds a subscription, replacing the session's earlier one with the same filter.
     */
    void add(Subscription subscription) {
        Node node = root;
        for (String level : levels(subscription.topicFilter())) {
            node = node.children.computeIfAbsent(level, k -> new Node());
        }
        String clientId = subscription.session().clientId;
        if (subscription.isShared()) {
            SharedGroup group = node.groups.computeIfAbsent(subscription.shareGroup(), k -> new SharedGroup());
            int before = group.members.size();
            group.remove(clientId);
            size += 1 - (before - group.members.size());
            group.members.add(subscription);
        } else if (node.subscribers.put(clientId, subscription) == null) {
            size++;
        }
    }

    /**
     * Removes a subscription if it is present.
     */
    void remove(Subscription subscription) {
        String[] levels = levels(subscription.topicFilter());
        remove(root, levels, 0, subscription);
    }

    private boolean remove(Node node, String[] levels, int depth, Subscription subscription) {
        if (depth == levels.length) {
            String clientId = subscription.session().clientId;
            if (subscription.isShared()) {
                SharedGroup group = node.groups.get(subscription.shareGroup());
                if (group != null) {
                    int before = group.members.size();
                    group.remove(clientId);
                    size -= before - group.members.size();
                    if (group.members.isEmpty()) {
                        node.groups.remove(subscription.shareGroup());
                    }
                }
            } else if (node.subscribers.remove(clientId) != null) {
                size--;
            }
            return node.isEmpty();
        }
        Node child = node.children.get(levels[depth]);
        if (child != null && remove(child, levels, depth + 1, subscription)) {
            node.children.remove(levels[depth]);
        }
        return node.isEmpty();
    }

    /**
     * Calls {@code sink} once for every subscription matching the topic: every ordinary one, and one member of
     * every matching shared group.
     */
    void match(String topic, Consumer<Subscription> sink) {
        match(root, levels(topic), 0, topic.startsWith("$"), sink);
    }

    private void match(Node node, String[] levels, int depth, boolean systemTopic, Consumer<Subscription> sink) {
        boolean wildcards = !(depth == 0 && systemTopic);
        if (depth == levels.length) {
            emit(node, sink);
            Node multi = node.children.get("#");
            if (multi != null) {
                emit(multi, sink);
            }
            return;
        }
        if (wildcards) {
            Node multi = node.children.get("#");
            if (multi != null) {
                emit(multi, sink);
            }
            Node single = node.children.get("+");
            if (single != null) {
                match(single, levels, depth + 1, systemTopic, sink);
            }
        }
        Node exact = node.children.get(levels[depth]);
        if (exact != null) {
            match(exact, levels, depth + 1, systemTopic, sink);
        }
    }

    private static void emit(Node node, Consumer<Subscription> sink) {
        for (Subscription subscription : node.subscribers.values()) {
            sink.accept(subscription);
        }
        for (SharedGroup group : node.groups.values()) {
            sink.accept(group.pick());
        }
    }

    /**
     * @return the levels of a topic or filter, keeping empty ones ({@code "a//b"} has three, {@code "a/"} two)
     */
    private static String[] levels(String topicOrFilter) {
        return topicOrFilter.split("/", -1);
    }

    /**
     * @return how many subscriptions the tree holds
     */
    int size() {
        return size;
    }
}
