package dev.midge.broker.internal.transport;

import dev.midge.broker.internal.MemoryBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One connection's share of the broker's thread: however many packets one read brings, the framer hands on at most
 * {@link PacketFramer#PACKETS_PER_TURN} per turn of the event loop and reads nothing more until it has handed on the
 * rest, a turn at a time, none lost. Driven on Netty's embedded channel, whose pending tasks are the next turn; the
 * socket tests in {@code dev.midge.broker} (floods, overload) prove the same connections end to end.
 */
class PacketTurnsTest {

    private static final int BURST = 1_000;

    private final MemoryBudget budget = new MemoryBudget(Long.MAX_VALUE);
    private final List<MqttMessageType> handedOn = new ArrayList<>();
    /** How many packets each turn handed on: the counts between the framer's read-complete events. */
    private final List<Integer> turns = new ArrayList<>();
    private final Backpressure backpressure = new Backpressure(60_000, new Backpressure.Listener() {
        @Override
        public void writable() {
        }

        @Override
        public void writeTimedOut() {
        }
    });
    private final EmbeddedChannel channel = new EmbeddedChannel(backpressure,
            new PacketFramer(1024, budget, backpressure), new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    handedOn.add(((MqttMessage) msg).fixedHeader().messageType());
                }

                @Override
                public void channelReadComplete(ChannelHandlerContext ctx) {
                    turns.add(handedOn.size() - turns.stream().mapToInt(Integer::intValue).sum());
                }
            });

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aReadOfManyPacketsHandsOnOneShareAndReadsNoMoreUntilTheRestIsHandedOn() {
        read(pingreqs(BURST));

        assertThat(handedOn).hasSize(PacketFramer.PACKETS_PER_TURN);
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(budget.used()).as("the bytes held for the next turns").isEqualTo(2L * (BURST - handedOn.size()));
        assertThat(channel.hasPendingTasks()).isTrue();
    }

    @Test
    void theRestIsHandedOnAShareATurnNoneLostAndThenReadingGoesOn() {
        read(pingreqs(BURST));

        for (int task = 0; task < BURST && channel.hasPendingTasks(); task++) {
            channel.runPendingTasks();
        }

        assertThat(handedOn).hasSize(BURST).containsOnly(MqttMessageType.PINGREQ);
        assertThat(turns).allMatch(count -> count <= PacketFramer.PACKETS_PER_TURN)
                .hasSize((BURST + PacketFramer.PACKETS_PER_TURN - 1) / PacketFramer.PACKETS_PER_TURN);
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(budget.used()).isZero();
    }

    @Test
    void aReadWithinTheShareIsHandedOnAtOnceAndReadingNeverStops() {
        read(pingreqs(PacketFramer.PACKETS_PER_TURN));

        assertThat(handedOn).hasSize(PacketFramer.PACKETS_PER_TURN);
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(channel.hasPendingTasks()).isFalse();
    }

    /** One read from the socket, as the event loop delivers it, without running the tasks of the next turn. */
    private void read(ByteBuf bytes) {
        channel.pipeline().fireChannelRead(bytes);
        channel.pipeline().fireChannelReadComplete();
    }

    private static ByteBuf pingreqs(int count) {
        ByteBuf bytes = Unpooled.buffer(2 * count);
        for (int i = 0; i < count; i++) {
            bytes.writeByte(0xC0).writeByte(0);
        }
        return bytes;
    }
}
