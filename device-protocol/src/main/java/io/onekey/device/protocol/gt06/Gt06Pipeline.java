package io.onekey.device.protocol.gt06;

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

/** The GT06 pipeline: limits, framing, decoding, answers and commands, session. */
public final class Gt06Pipeline extends ChannelInitializer<SocketChannel> {

    private final SessionServices services;
    private final ProtocolLimits protocolLimits;
    private final GatewayMetrics metrics;
    private final ConnectionLimitHandler limits;
    private final OncePerInterval logGate;
    private final Gt06AnswerEncoder encoder = new Gt06AnswerEncoder();
    private final Gt06CommandEncoder commands = new Gt06CommandEncoder();

    public Gt06Pipeline(SessionServices services, ProtocolLimits protocolLimits) {
        this.services = services;
        this.protocolLimits = protocolLimits;
        this.metrics = new GatewayMetrics(services.registry(), Protocol.GT06);
        this.limits = new ConnectionLimitHandler(services.maxConnectionsPerAddress(),
                services.connectionBudget(), metrics);
        this.logGate = DeviceSession.newLogGate(services);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ConnectionGuards.install(ch.pipeline(), limits, protocolLimits)
                .addLast("frames", new Gt06FrameDecoder(protocolLimits.maxFrameBytes()))
                .addLast("messages", new Gt06MessageDecoder())
                .addLast("answers", encoder)
                .addLast("commands", commands)
                .addLast("session", new Gt06SessionHandler(new DeviceSession(Protocol.GT06, services, metrics, logGate)));
    }
}
