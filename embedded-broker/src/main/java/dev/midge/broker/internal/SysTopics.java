package dev.midge.broker.internal;

import dev.midge.broker.BrokerStatistics;
import dev.midge.broker.DropReason;
import dev.midge.broker.Message;

import java.util.Locale;

/**
 * Publishes the broker's statistics under {@code $SYS/broker/}, retained, at start and then at a fixed interval,
 * on the topics Mosquitto uses for the same figures, so that dashboards and scripts written for it read them
 * unchanged; the figures Mosquitto has no topic for (drops by reason, refusals, the memory budget) are published
 * beside them. Runs on the broker's thread.
 */
public final class SysTopics {

    private static final String ROOT = "$SYS";
    private static final String PREFIX = ROOT + "/broker/";

    private final BrokerCore core;
    private final Scheduler scheduler;
    private final long intervalMillis;
    private final String version;
    private Scheduler.Cancellable next;

    private SysTopics(BrokerCore core, Scheduler scheduler, long intervalMillis) {
        this.core = core;
        this.scheduler = scheduler;
        this.intervalMillis = intervalMillis;
        String implementation = SysTopics.class.getPackage().getImplementationVersion();
        this.version = implementation == null ? "Midge" : "Midge " + implementation;
    }

    /**
     * @param topic a topic name
     * @return whether it lies under {@code $SYS}, where the broker publishes about itself
     */
    static boolean holds(String topic) {
        return topic.startsWith(ROOT) && (topic.length() == ROOT.length() || topic.charAt(ROOT.length()) == '/');
    }

    /**
     * Publishes now and every interval until {@link #stop()}.
     *
     * @param core           the broker
     * @param scheduler      the broker's timer
     * @param intervalMillis the time between two publications
     * @return the running publisher
     */
    public static SysTopics start(BrokerCore core, Scheduler scheduler, long intervalMillis) {
        SysTopics topics = new SysTopics(core, scheduler, intervalMillis);
        topics.publish();
        return topics;
    }

    /** Stops publishing; what was published stays retained. */
    public void stop() {
        if (next != null) {
            next.cancel();
            next = null;
        }
    }

    private void publish() {
        BrokerStatistics now = core.inventory().statistics();
        put("version", version);
        put("uptime", now.uptime().toSeconds() + " seconds");
        put("clients/connected", now.connectedClients());
        put("clients/total", now.sessions());
        put("subscriptions/count", now.subscriptions());
        put("retained messages/count", now.retainedMessages());
        put("store/messages/count", now.queuedMessages() + now.inflightMessages());
        put("store/messages/bytes", now.queuedBytes() + now.inflightBytes());
        put("messages/inflight", now.inflightMessages());
        put("messages/received", now.messagesReceived());
        put("messages/sent", now.messagesSent());
        put("publish/messages/dropped", now.messagesDropped());
        for (DropReason reason : DropReason.values()) {
            put("publish/messages/dropped/" + reason.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    now.messagesDroppedByReason().get(reason));
        }
        put("publish/messages/refused", now.messagesRefused());
        put("memory/used", now.memoryUsed());
        put("memory/budget", now.memoryBudget());
        next = scheduler.schedule(intervalMillis, this::publish);
    }

    private void put(String topic, long value) {
        put(topic, Long.toString(value));
    }

    private void put(String topic, String value) {
        core.publishAsBroker(Message.of(PREFIX + topic, value).withRetain(true));
    }
}
