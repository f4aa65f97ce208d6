package dev.midge.broker.internal.persistence;

import dev.midge.broker.Message;
import dev.midge.broker.MessageProperties;
import dev.midge.broker.Persistence;
import dev.midge.broker.QoS;
import dev.midge.broker.UserProperty;
import dev.midge.broker.internal.Scheduler;
import dev.midge.broker.internal.StoredState;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MVStore-backed state store on its own: every record read back as written after the file is closed and
 * opened again, sessions forgotten whole, and files it cannot use refused with their name.
 */
class MvStateStoreTest {

    private static final MessageProperties ALL_PROPERTIES = new MessageProperties(1, 3600L, "text/plain",
            "replies/pi", new byte[]{7, 8}, List.of(new UserProperty("site", "kitchen"), new UserProperty("site", "hall")));

    private static final Scheduler AT_ONCE = (delayMillis, task) -> {
        task.run();
        return () -> { };
    };

    @TempDir
    Path directory;

    @Test
    void everyKindOfRecordIsReadBackAsWrittenAfterReopening() {
        Message retained = message("sensors/temp", "21.5", QoS.AT_LEAST_ONCE, true, ALL_PROPERTIES);
        StoredState.SessionRecord session = new StoredState.SessionRecord("pi", "alice", 600, 1_000, List.of(
                new StoredState.SubscriptionRecord("commands/#", QoS.EXACTLY_ONCE, true, true, 2, 42),
                new StoredState.SubscriptionRecord("$share/group/jobs/+", QoS.AT_LEAST_ONCE, false, false, 0, 0)));
        StoredState.Outgoing queued = new StoredState.Outgoing("pi", 2, message("commands/led", "on",
                QoS.AT_LEAST_ONCE, false, MessageProperties.NONE), 500, List.of(), 0, null, false);
        Message sent = message("commands/led", "off", QoS.EXACTLY_ONCE, false, ALL_PROPERTIES);
        StoredState.Outgoing inFlight = new StoredState.Outgoing("pi", 1, sent, 400, List.of(42, 7), 17, sent, true);
        Message routed = message("commands/led", "dim", QoS.AT_LEAST_ONCE, false, ALL_PROPERTIES);
        StoredState.Outgoing expiring = new StoredState.Outgoing("pi", 3, routed, 450, List.of(), 18,
                routed.withProperties(ALL_PROPERTIES.withMessageExpiryInterval(3000L)), false);
        Message will = message("status/pi", "gone", QoS.AT_LEAST_ONCE, true, MessageProperties.NONE);

        withStore(store -> {
            store.putRetained(retained, 123);
            store.putSession(session);
            store.addOutgoing(queued);
            store.addOutgoing(inFlight);
            store.putInFlight(inFlight);
            store.addOutgoing(expiring);
            store.putInFlight(expiring);
            store.addAwaitingRelease("pi", 9);
            store.putWill("pi", will, 9_000);
        });

        StoredState state = load();
        assertThat(state.retained()).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(new StoredState.Retained(retained, 123));
        assertThat(state.sessions()).containsExactly(session);
        assertThat(state.outgoing()).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(inFlight, queued, expiring);
        assertThat(state.awaitingRelease()).containsExactly(new StoredState.AwaitingRelease("pi", 9));
        assertThat(state.wills()).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(new StoredState.Will("pi", will, 9_000));
    }

    @Test
    void aSessionsMessagesAreReadBackInTheOrderOfTheirSequenceNumbers() {
        List<Long> sequences = List.of(256L, 9L, 10L, 255L, 16L);
        withStore(store -> {
            store.putSession(session("pi"));
            sequences.forEach(sequence -> store.addOutgoing(queued("pi", sequence)));
        });

        assertThat(load().outgoing()).extracting(StoredState.Outgoing::sequence).containsExactly(9L, 10L, 16L, 255L,
                256L);
    }

    @Test
    void aMessagesInFlightStateIsReadBackAsLastChangedAndAnAcknowledgedMessageIsGoneWhetherOrNotACommitWroteIt() {
        StoredState.Outgoing first = queued("pi", 1);
        StoredState.Outgoing second = queued("pi", 2);
        StoredState.Outgoing third = queued("pi", 3);
        withStore(store -> {
            store.putSession(session("pi"));
            store.addOutgoing(first);
            store.addOutgoing(second);
            store.putInFlight(sent(first, 7, false));
            store.commit();
            store.putInFlight(sent(first, 7, true));
            store.putInFlight(sent(second, 8, false));
            store.removeOutgoing("pi", 2);
            store.addOutgoing(third);
            store.putInFlight(sent(third, 9, false));
            store.removeOutgoing("pi", 3);
        });

        assertThat(load().outgoing()).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(sent(first, 7, true));
    }

    @Test
    void removingASessionForgetsItsMessagesIdentifiersAndWillButNotThoseOfAClientWhoseIdentifierItPrefixes() {
        Message will = message("status", "gone", QoS.AT_MOST_ONCE, false, MessageProperties.NONE);
        withStore(store -> {
            for (String clientId : List.of("pi", "pi2")) {
                store.putSession(session(clientId));
                store.addOutgoing(queued(clientId, 1));
                store.addAwaitingRelease(clientId, 3);
                store.putWill(clientId, will, 0);
            }
            store.removeSession("pi");
        });

        StoredState state = load();
        assertThat(state.sessions()).extracting(StoredState.SessionRecord::clientId).containsExactly("pi2");
        assertThat(state.outgoing()).extracting(StoredState.Outgoing::clientId).containsExactly("pi2");
        assertThat(state.awaitingRelease()).extracting(StoredState.AwaitingRelease::clientId).containsExactly("pi2");
        assertThat(state.wills()).extracting(StoredState.Will::clientId).containsExactly("pi2");
    }

    @Test
    void entriesOfASessionTheStoreDoesNotHaveAreRemovedWhenLoaded() {
        withStore(store -> {
            store.addOutgoing(queued("gone", 1));
            store.putInFlight(sent(queued("gone", 1), 5, false));
            store.putInFlight(sent(queued("gone", 2), 6, false));
            store.addAwaitingRelease("gone", 3);
            store.putWill("gone", message("status", "x", QoS.AT_MOST_ONCE, false, MessageProperties.NONE), 0);
        });

        assertThat(load().outgoing()).isEmpty();
        try (MVStore raw = new MVStore.Builder().fileName(file().toString()).open()) {
            assertThat(raw.openMap("messages", outgoingMap())).isEmpty();
            assertThat(raw.openMap("inflight", outgoingMap())).isEmpty();
            assertThat(raw.<String, Integer>openMap("awaiting")).isEmpty();
            assertThat(raw.<String, byte[]>openMap("wills")).isEmpty();
        }
    }

    @Test
    void aFileThatHasGrownPastItsBoundIsRewrittenWithItsLiveDataWhileTheStoreIsInUse() throws Exception {
        MvStateStore store = MvStateStore.open(Persistence.in(directory), AT_ONCE);
        try {
            store.putSession(session("pi"));
            byte[] large = new byte[16 * 1024];
            long largest = 0;
            for (int i = 0; i < 2_000; i++) {
                store.addOutgoing(new StoredState.Outgoing("pi", 1, new Message("t", large, QoS.AT_LEAST_ONCE, false,
                        null), i, List.of(), 0, null, false));
                largest = Math.max(largest, Files.size(file()));
            }

            assertThat(largest).as("the largest the file grew").isLessThan(24L * 1024 * 1024);
            assertThat(store.load().outgoing()).extracting(StoredState.Outgoing::receivedAtMillis)
                    .containsExactly(1_999L);
        } finally {
            store.close();
        }
        assertThat(Files.size(file())).as("after close").isLessThan(1024 * 1024);
    }

    @Test
    void aPeriodicStoreWritesWhatItHoldsWhenItIsClosed() {
        MvStateStore store = MvStateStore.open(Persistence.in(directory).autosaveInterval(Duration.ofHours(1)),
                AT_ONCE);
        store.putRetained(message("t", "kept", QoS.AT_MOST_ONCE, true, MessageProperties.NONE), 0);
        store.close();

        assertThat(load().retained()).extracting(r -> r.message().payloadAsString()).containsExactly("kept");
    }

    @Test
    void aStoreOfANewerFormatIsRefusedWithItsName() {
        try (MVStore raw = new MVStore.Builder().fileName(file().toString()).open()) {
            raw.<String, Integer>openMap("format").put("version", 99);
        }

        assertThatThrownBy(this::load).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file().toString()).hasMessageContaining("format 99");
    }

    @Test
    void anMvStoreFileOfAnotherApplicationIsRefusedWithItsName() {
        try (MVStore raw = new MVStore.Builder().fileName(file().toString()).open()) {
            raw.<String, String>openMap("customers").put("1", "Ada");
        }

        assertThatThrownBy(this::load).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file() + " is not a persistence store of this broker");
    }

    private static MVMap.Builder<OutgoingKey, byte[]> outgoingMap() {
        return new MVMap.Builder<OutgoingKey, byte[]>().keyType(OutgoingKey.TYPE).valueType(ByteArrayDataType.INSTANCE);
    }

    private void withStore(Consumer<MvStateStore> changes) {
        MvStateStore store = MvStateStore.open(Persistence.in(directory), AT_ONCE);
        try {
            changes.accept(store);
        } finally {
            store.close();
        }
    }

    private StoredState load() {
        MvStateStore store = MvStateStore.open(Persistence.in(directory), AT_ONCE);
        try {
            return store.load();
        } finally {
            store.close();
        }
    }

    private Path file() {
        return directory.resolve(Persistence.DEFAULT_FILE_NAME).toAbsolutePath();
    }

    private static StoredState.SessionRecord session(String clientId) {
        return new StoredState.SessionRecord(clientId, null, 60, -1, List.of());
    }

    private static StoredState.Outgoing queued(String clientId, long sequence) {
        return new StoredState.Outgoing(clientId, sequence, message("t", "m" + sequence, QoS.AT_LEAST_ONCE, false,
                MessageProperties.NONE), 0, List.of(), 0, null, false);
    }

    private static StoredState.Outgoing sent(StoredState.Outgoing queued, int packetId, boolean released) {
        return new StoredState.Outgoing(queued.clientId(), queued.sequence(), queued.message(),
                queued.receivedAtMillis(), queued.subscriptionIdentifiers(), packetId, queued.message(), released);
    }

    private static Message message(String topic, String payload, QoS qos, boolean retain,
                                   MessageProperties properties) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain, properties);
    }
}
