package dev.midge.broker.internal;

import dev.midge.broker.Topics;
import dev.midge.broker.QoS;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TopicTreeTest {

    private static final MemoryBudget UNLIMITED = new MemoryBudget(Long.MAX_VALUE);

    private static final List<String> FILTERS = List.of("a", "a/b", "a/+", "a/#", "+/b", "+/+", "#", "+", "/+",
            "a//b", "a/+/b", "+/#", "$SYS/#", "$SYS/+", "b/#", "a/b/c", "");
    private static final List<String> TOPICS = List.of("a", "a/b", "a/c", "a/b/c", "b", "b/b", "/", "/b", "a//b",
            "a/x/b", "$SYS", "$SYS/up", "$SYS/a/b", "c/d/e", "a/");

    private final TopicTree tree = new TopicTree();

    @Test
    void matchingFindsExactlyTheSubscriptionsWhoseFilterMatchesTheTopic() {
        List<Subscription> all = new ArrayList<>();
        for (int i = 0; i < FILTERS.size(); i++) {
            String filter = FILTERS.get(i);
            if (filter.isEmpty()) {
                continue;
            }
            Subscription subscription = subscription(new Session("s" + i, UNLIMITED), filter);
            tree.add(subscription);
            all.add(subscription);
        }
        for (String topic : TOPICS) {
            Set<String> expected = new HashSet<>();
            for (Subscription s : all) {
                if (Topics.matches(s.topicFilter(), topic)) {
                    expected.add(s.filter());
                }
            }
            assertThat(matches(topic)).as("filters matching %s", topic).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aSessionHasOneSubscriptionPerFilterAndRemovingItStopsMatches() {
        Session session = new Session("s", UNLIMITED);
        tree.add(subscription(session, "a/+"));
        tree.add(subscription(session, "a/+"));
        tree.add(subscription(session, "a/#"));
        assertThat(tree.size()).isEqualTo(2);
        assertThat(matches("a/b")).containsExactlyInAnyOrder("a/+", "a/#");

        tree.remove(subscription(session, "a/+"));
        assertThat(tree.size()).isEqualTo(1);
        assertThat(matches("a/b")).containsExactly("a/#");
        tree.remove(subscription(session, "a/#"));
        tree.remove(subscription(session, "never/added"));
        assertThat(tree.size()).isZero();
        assertThat(matches("a/b")).isEmpty();
    }

    @Test
    void theSameFilterFromTwoSessionsMatchesBoth() {
        tree.add(subscription(new Session("one", UNLIMITED), "t"));
        tree.add(subscription(new Session("two", UNLIMITED), "t"));
        List<String> sessions = new ArrayList<>();
        tree.match("t", s -> sessions.add(s.session().clientId()));
        assertThat(sessions).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void aSharedGroupHandsEachMessageToOneMemberInTurn() {
        tree.add(shared(new Session("one", UNLIMITED), "g", "t"));
        tree.add(shared(new Session("two", UNLIMITED), "g", "t"));
        tree.add(shared(new Session("three", UNLIMITED), "other", "t"));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tree.match("t", s -> picked.add(s.shareGroup() + ":" + s.session().clientId()));
        }
        assertThat(picked).containsExactly("g:one", "other:three", "g:two", "other:three", "g:one", "other:three",
                "g:two", "other:three");
    }

    private List<String> matches(String topic) {
        List<String> filters = new ArrayList<>();
        tree.match(topic, s -> filters.add(s.filter()));
        return filters;
    }

    private static Subscription subscription(Session session, String filter) {
        return new Subscription(session, filter, filter, null, QoS.AT_LEAST_ONCE, false, false, 0, 0);
    }

    private static Subscription shared(Session session, String group, String filter) {
        return new Subscription(session, "$share/" + group + "/" + filter, filter, group, QoS.AT_LEAST_ONCE, false,
                false, 0, 0);
    }
}
