package io.onekey.device.session;


import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps connections per source address and, with the other listeners, in total (the gateway's
 * {@link DeviceConnectionBudget}), and keeps the open connection gauge. A connection over a cap
 * is closed before any byte of it is read, so that the process never runs out of descriptors
 * and health checks, the store and connected terminals keep theirs. First in the pipeline, it
 * also counts the bytes each way.
 */
@ChannelHandler.Sharable
public final class ConnectionLimitHandler extends ChannelDuplexHandler {

    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("onekey.counted-address");

    private final int maxPerAddress;
    private final DeviceConnectionBudget budget;
    private final GatewayMetrics metrics;
    private final ConcurrentMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimitHandler(int maxPerAddress, DeviceConnectionBudget budget, GatewayMetrics metrics) {
        this.maxPerAddress = maxPerAddress;
        this.budget = budget;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = addressOf(ctx.channel().remoteAddress());
        if (!budget.tryAcquire()) {
            reject(ctx);
            return;
        }
        AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (count.incrementAndGet() > maxPerAddress) {
            count.decrementAndGet();
            budget.release();
            reject(ctx);
            return;
        }
        ctx.channel().attr(COUNTED).set(address);
        metrics.connectionOpened();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = ctx.channel().attr(COUNTED).getAndSet(null);
        if (address != null) {
            budget.release();
            perAddress.computeIfPresent(address, (a, c) -> c.decrementAndGet() == 0 ? null : c);
            metrics.connectionClosed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf bytes) {
            metrics.bytesIn(bytes.readableBytes());
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof ByteBuf bytes) {
            metrics.bytesOut(bytes.readableBytes());
        }
        super.write(ctx, msg, promise);
    }

    private void reject(ChannelHandlerContext ctx) {
        metrics.connectionRejected();
        ctx.close();
    }

    private static InetAddress addressOf(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }
}
