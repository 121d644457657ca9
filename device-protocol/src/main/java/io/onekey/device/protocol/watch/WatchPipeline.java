package io.onekey.device.protocol.watch;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.onekey.device.event.Protocol;
import io.onekey.device.session.ConnectionGuards;
import io.onekey.device.session.ConnectionLimitHandler;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.GatewayMetrics;
import io.onekey.device.session.OncePerInterval;
import io.onekey.device.session.ProtocolLimits;
import io.onekey.device.session.SessionServices;

/** The watch protocol's pipeline: limits, framing, decoding, answers, session. */
public final class WatchPipeline extends ChannelInitializer<SocketChannel> {

    private final SessionServices services;
    private final ProtocolLimits protocolLimits;
    private final GatewayMetrics metrics;
    private final ConnectionLimitHandler limits;
    private final OncePerInterval logGate;
    private final WatchReplyEncoder encoder = new WatchReplyEncoder();

    public WatchPipeline(SessionServices services, ProtocolLimits protocolLimits) {
        this.services = services;
        this.protocolLimits = protocolLimits;
        this.metrics = new GatewayMetrics(services.registry(), Protocol.WATCH);
        this.limits = new ConnectionLimitHandler(services.maxConnectionsPerAddress(),
                services.connectionBudget(), metrics);
        this.logGate = DeviceSession.newLogGate(services);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ConnectionGuards.install(ch.pipeline(), limits, protocolLimits)
                .addLast("frames", new WatchFrameDecoder(protocolLimits.maxFrameBytes()))
                .addLast("messages", new WatchMessageDecoder())
                .addLast("answers", encoder)
                .addLast("session", new WatchSessionHandler(new DeviceSession(Protocol.WATCH, services, metrics, logGate)));
    }
}
