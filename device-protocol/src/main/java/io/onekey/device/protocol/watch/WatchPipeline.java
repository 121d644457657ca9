package io.onekey.device.protocol.watch;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.onekey.device.event.Protocol;
import io.onekey.device.gateway.ConnectionGuards;
import io.onekey.device.gateway.ConnectionLimitHandler;
import io.onekey.device.gateway.DeviceSession;
import io.onekey.device.gateway.GatewayMetrics;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.device.gateway.OncePerInterval;

/** The watch protocol's pipeline: limits, framing, decoding, answers, session. */
public final class WatchPipeline extends ChannelInitializer<SocketChannel> {

    private final GatewayServices services;
    private final GatewayMetrics metrics;
    private final ConnectionLimitHandler limits;
    private final OncePerInterval logGate;
    private final WatchReplyEncoder encoder = new WatchReplyEncoder();

    public WatchPipeline(GatewayServices services) {
        this.services = services;
        this.metrics = new GatewayMetrics(services.registry(), Protocol.WATCH);
        this.limits = new ConnectionLimitHandler(services.config().maxConnectionsPerAddress(),
                services.config().maxConnections(), metrics);
        this.logGate = DeviceSession.newLogGate(services);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ConnectionGuards.install(ch.pipeline(), limits, services.config().watch())
                .addLast("frames", new WatchFrameDecoder(services.config().watch().maxFrameBytes()))
                .addLast("messages", new WatchMessageDecoder())
                .addLast("answers", encoder)
                .addLast("session", new WatchSessionHandler(new DeviceSession(Protocol.WATCH, services, metrics, logGate)));
    }
}
