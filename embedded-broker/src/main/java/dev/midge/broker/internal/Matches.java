package dev.midge.broker.internal;

import dev.midge.broker.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * What matching one message found: the message, when it was routed and the sessions it goes to. {@link Router}
 * fills it, its caller reports the publication from {@link #count()}, then {@link Router#deliver} empties it; the
 * router reuses the one instance for every message, so that routing allocates nothing per message.
 *
 * <p>Used only on the broker's thread.
 */
final class Matches {

    final List<Session> targets = new ArrayList<>();
    Message message;
    long now;
    private int count;

    void start(Message message, long now) {
        this.message = message;
        this.now = now;
        targets.clear();
        count = 0;
    }

    void counted(int count) {
        this.count = count;
    }

    /** @return how many sessions the message goes to */
    int count() {
        return count;
    }

    void clear() {
        targets.clear();
        message = null;
    }
}
