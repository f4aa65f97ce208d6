package dev.midge.broker.internal.transport;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.traffic.ChannelTrafficShapingHandler;

/**
 * A connection's bandwidth cap: Netty's traffic shaping at the socket end of its pipeline while a network condition
 * asks for one, gone when healed.
 *
 * <p>Used on the broker's event-loop thread.
 */
final class Bandwidth {

    private static final String NAME = "midge-bandwidth";
    /** How often the cap is measured and enforced: short, so that a test's few kilobytes are shaped too. */
    private static final long CHECK_INTERVAL_MILLIS = 50;

    private Bandwidth() {
    }

    /**
     * @param pipeline       the connection's pipeline
     * @param bytesPerSecond the cap in each direction, or 0 for none
     */
    static void cap(ChannelPipeline pipeline, long bytesPerSecond) {
        ChannelTrafficShapingHandler current = (ChannelTrafficShapingHandler) pipeline.get(NAME);
        if (bytesPerSecond == 0) {
            if (current != null) {
                pipeline.remove(NAME);
                pipeline.flush();
            }
        } else if (current == null) {
            pipeline.addFirst(NAME, new ChannelTrafficShapingHandler(bytesPerSecond, bytesPerSecond,
                    CHECK_INTERVAL_MILLIS));
        } else if (current.getWriteLimit() != bytesPerSecond) {
            current.configure(bytesPerSecond, bytesPerSecond);
        }
    }
}
