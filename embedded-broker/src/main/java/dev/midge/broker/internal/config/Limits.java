package dev.midge.broker.internal.config;

import dev.midge.broker.BrokerBuilder;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The limits a configuration file sets, with Mosquitto's meanings: 0 (or -1 for {@code max_connections}) means
 * unlimited.
 */
final class Limits {

    private Consumer<BrokerBuilder> settings = builder -> { };
    private int sysIntervalSeconds;

    /**
     * @return whether the keyword is a limit
     */
    boolean apply(Value value) {
        switch (value.keyword()) {
            case "max_keepalive" -> {
                int seconds = value.integer(1, 65535);
                add(builder -> builder.maxKeepAlive(seconds));
            }
            case "max_inflight_messages" -> {
                int count = value.integer(0, 65535);
                add(builder -> builder.maxInflightMessages(count == 0 ? 65535 : count));
            }
            case "max_queued_messages" -> {
                int count = value.integer(0, Integer.MAX_VALUE);
                add(builder -> builder.maxQueuedMessages(count == 0 ? Integer.MAX_VALUE : count));
            }
            case "max_queued_bytes" -> {
                long bytes = value.bytes();
                add(builder -> builder.maxQueuedBytes(bytes == 0 ? Long.MAX_VALUE : bytes));
            }
            case "memory_limit" -> {
                long bytes = value.bytes();
                add(builder -> builder.memoryBudget(bytes == 0 ? Long.MAX_VALUE : bytes));
            }
            case "message_size_limit", "max_packet_size" -> {
                int bytes = value.integer(0, BrokerBuilder.PROTOCOL_MAX_PACKET_SIZE);
                if (bytes > 0 && bytes < 16) {
                    throw value.problem("must be 0 (no limit) or at least 16 bytes, not " + bytes);
                }
                add(builder -> builder.maxPacketSize(bytes == 0 ? BrokerBuilder.PROTOCOL_MAX_PACKET_SIZE : bytes));
            }
            case "max_connections" -> {
                int count = value.integer(-1, Integer.MAX_VALUE);
                if (count == 0) {
                    throw value.problem("must be -1 (unlimited) or at least 1, not 0");
                }
                add(builder -> builder.maxConnections(count == -1 ? Integer.MAX_VALUE : count));
            }
            case "sys_interval" -> {
                sysIntervalSeconds = value.integer(0, Integer.MAX_VALUE);
                int seconds = sysIntervalSeconds;
                if (seconds > 0) {
                    add(b -> b.sysTopics(Duration.ofSeconds(seconds)));
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void add(Consumer<BrokerBuilder> setting) {
        settings = settings.andThen(setting);
    }

    void applyTo(BrokerBuilder builder) {
        settings.accept(builder);
    }

    int sysIntervalSeconds() {
        return sysIntervalSeconds;
    }
}
