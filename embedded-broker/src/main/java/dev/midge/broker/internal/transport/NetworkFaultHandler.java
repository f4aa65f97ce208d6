package dev.midge.broker.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * Makes one connection's network faulty, between the MQTT codec and the connection: packets held while the
 * client is silenced or half-open (and no more bytes read from its socket, as {@link Backpressure} does), writes left
 * unflushed while it is silenced (so they fill its buffer, and the broker's bounds act as on a real dead link),
 * packets delayed in order, and packets lost. Each time the broker starts or stops hearing the client, it tells the
 * connection, whose {@link ReadTimeout} follows it, with {@link NetworkFaults.Hearing#CHANGED}.
 *
 * <p>Every method runs on the broker's event-loop thread.
 */
final class NetworkFaultHandler extends ChannelDuplexHandler {

    private final NetworkFaults faults;
    private final NetworkFaults.Connection connection;
    /** Input is held only under a fault: the queue starts small. */
    private final Queue<Object> heldInput = new ArrayDeque<>(1);
    private ChannelHandlerContext context;
    private boolean readWanted;
    private boolean flushWanted;
    private boolean heard = true;

    NetworkFaultHandler(NetworkFaults faults, NetworkFaults.Connection connection) {
        this.faults = faults;
        this.connection = connection;
    }

    /** @return whether packets from the client reach the broker now */
    boolean hears() {
        return !holdsInput();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        heldInput.forEach(ReferenceCountUtil::release);
        heldInput.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttMessage && takeDrop(true)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (holdsInput() || !heldInput.isEmpty()) {
            heldInput.add(msg);
            return;
        }
        long latency = latencyNanos();
        if (latency > 0) {
            ctx.executor().schedule(() -> pass(ctx, msg), latency, TimeUnit.NANOSECONDS);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void pass(ChannelHandlerContext ctx, Object msg) {
        if (!ctx.channel().isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (holdsInput()) {
            heldInput.add(msg);
            return;
        }
        ctx.fireChannelRead(msg);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (holdsInput()) {
            readWanted = true;
        } else {
            ctx.read();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (isPacket(msg) && takeDrop(false)) {
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
            return;
        }
        long latency = latencyNanos();
        if (latency > 0) {
            ctx.executor().schedule(() -> {
                ctx.write(msg, promise);
                flush(ctx);
            }, latency, TimeUnit.NANOSECONDS);
        } else {
            ctx.write(msg, promise);
        }
    }

    /**
     * @return whether a write is one MQTT packet, which the broker writes as the bytes of one packet. The only other
     *         bytes written from the connection are the empty writes that flush it as it closes.
     */
    private static boolean isPacket(Object msg) {
        return msg instanceof ByteBuf bytes && bytes.isReadable();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (silenced()) {
            flushWanted = true;
        } else {
            ctx.flush();
        }
    }

    /** After a condition changed: goes on with what was held back, if nothing holds it any more. */
    void reconsider() {
        ChannelHandlerContext ctx = context;
        if (ctx == null || !ctx.channel().isActive()) {
            return;
        }
        if (!silenced() && flushWanted) {
            flushWanted = false;
            ctx.flush();
        }
        Bandwidth.cap(ctx.pipeline(), bandwidth());
        if (heard != hears()) {
            heard = !heard;
            ctx.fireUserEventTriggered(NetworkFaults.Hearing.CHANGED);
        }
        if (holdsInput()) {
            return;
        }
        boolean released = !heldInput.isEmpty();
        while (!heldInput.isEmpty() && !holdsInput()) {
            ctx.fireChannelRead(heldInput.poll());
        }
        if (released) {
            ctx.fireChannelReadComplete();
        }
        if (readWanted) {
            readWanted = false;
            ctx.read();
        }
    }

    private boolean silenced() {
        if (!faults.active()) {
            return false;
        }
        NetworkFaults.Conditions own = faults.of(connection.clientId());
        return faults.everyone().silenced || own != null && own.silenced;
    }

    private boolean holdsInput() {
        if (!faults.active()) {
            return false;
        }
        NetworkFaults.Conditions own = faults.of(connection.clientId());
        return faults.everyone().holdsInput() || own != null && own.holdsInput();
    }

    /** @return the tightest bandwidth cap in bytes per second for this connection, or 0 for none */
    private long bandwidth() {
        if (!faults.active()) {
            return 0;
        }
        NetworkFaults.Conditions own = faults.of(connection.clientId());
        long everyone = faults.everyone().bytesPerSecond;
        long mine = own == null ? 0 : own.bytesPerSecond;
        return everyone == 0 || mine == 0 ? Math.max(everyone, mine) : Math.min(everyone, mine);
    }

    private long latencyNanos() {
        if (!faults.active()) {
            return 0;
        }
        NetworkFaults.Conditions own = faults.of(connection.clientId());
        return Math.max(faults.everyone().latencyNanos, own == null ? 0 : own.latencyNanos);
    }

    private boolean takeDrop(boolean fromClient) {
        return faults.active()
                && (take(faults.of(connection.clientId()), fromClient) || take(faults.everyone(), fromClient));
    }

    private static boolean take(NetworkFaults.Conditions conditions, boolean fromClient) {
        if (conditions == null) {
            return false;
        }
        if (fromClient && conditions.dropFromClient > 0) {
            conditions.dropFromClient--;
            return true;
        }
        if (!fromClient && conditions.dropToClient > 0) {
            conditions.dropToClient--;
            return true;
        }
        return false;
    }
}
