package io.onekey.device.protocol.dc09;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.onekey.device.event.Protocol;
import io.onekey.device.session.ConnectionGuards;
import io.onekey.device.session.ConnectionLimitHandler;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.GatewayMetrics;
import io.onekey.device.session.OncePerInterval;
import io.onekey.device.session.ProtocolLimits;
import io.onekey.device.session.RateLimitPerAddress;
import io.onekey.device.session.SessionServices;

/** DC-09's two pipelines, TCP and UDP, sharing one receiver and one set of meters. */
public final class Dc09Pipelines {

    private final SessionServices services;
    private final ProtocolLimits protocolLimits;
    private final GatewayMetrics metrics;
    private final OncePerInterval logGate;
    private final Dc09Receiver receiver;
    private final ConnectionLimitHandler limits;
    private final RateLimitPerAddress udpRefusals;
    private final Dc09AnswerEncoder encoder = new Dc09AnswerEncoder();

    public Dc09Pipelines(SessionServices services, ProtocolLimits protocolLimits, Dc09Settings settings, Dc09Keys.Lookup keys) {
        this.services = services;
        this.protocolLimits = protocolLimits;
        this.metrics = new GatewayMetrics(services.registry(), Protocol.DC09);
        this.logGate = DeviceSession.newLogGate(services);
        this.receiver = new Dc09Receiver(settings, keys);
        this.limits = new ConnectionLimitHandler(services.maxConnectionsPerAddress(),
                services.connectionBudget(), metrics);
        this.udpRefusals = Dc09DatagramHandler.refusalLimit(services.clock());
    }

    public ChannelInitializer<SocketChannel> tcp() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ConnectionGuards.install(ch.pipeline(), limits, protocolLimits)
                        .addLast("frames", new Dc09FrameDecoder(protocolLimits.maxFrameBytes()))
                        .addLast("answers", encoder)
                        .addLast("session", new Dc09SessionHandler(receiver,
                                new DeviceSession(Protocol.DC09, services, metrics, logGate)));
            }
        };
    }

    public ChannelInitializer<DatagramChannel> udp() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(DatagramChannel ch) {
                ch.pipeline()
                        .addLast("answers", new Dc09DatagramAnswerEncoder())
                        .addLast("session", new Dc09DatagramHandler(receiver,
                                new DeviceSession(Protocol.DC09, services, metrics, logGate, false),
                                protocolLimits.maxFrameBytes(), udpRefusals));
            }
        };
    }
}
