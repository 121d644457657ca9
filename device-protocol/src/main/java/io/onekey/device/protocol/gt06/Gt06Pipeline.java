package io.onekey.device.protocol.gt06;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.onekey.device.event.Protocol;
import io.onekey.device.gateway.ConnectionGuards;
import io.onekey.device.gateway.ConnectionLimitHandler;
import io.onekey.device.gateway.DeviceSession;
import io.onekey.device.gateway.GatewayMetrics;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.device.gateway.OncePerInterval;

/** The GT06 pipeline: limits, framing, decoding, answers, session. */
public final class Gt06Pipeline extends ChannelInitializer<SocketChannel> {

    private final GatewayServices services;
    private final GatewayMetrics metrics;
    private final ConnectionLimitHandler limits;
    private final OncePerInterval logGate;
    private final Gt06AnswerEncoder encoder = new Gt06AnswerEncoder();

    public Gt06Pipeline(GatewayServices services) {
        this.services = services;
        this.metrics = new GatewayMetrics(services.registry(), Protocol.GT06);
        this.limits = new ConnectionLimitHandler(services.config().maxConnectionsPerAddress(),
                services.config().maxConnections(), metrics);
        this.logGate = DeviceSession.newLogGate(services);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ConnectionGuards.install(ch.pipeline(), limits, services.config().gt06())
                .addLast("frames", new Gt06FrameDecoder(services.config().gt06().maxFrameBytes()))
                .addLast("messages", new Gt06MessageDecoder())
                .addLast("answers", encoder)
                .addLast("session", new Gt06SessionHandler(new DeviceSession(Protocol.GT06, services, metrics, logGate)));
    }
}
