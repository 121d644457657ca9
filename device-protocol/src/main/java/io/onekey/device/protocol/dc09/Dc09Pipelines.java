package io.onekey.device.protocol.dc09;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.onekey.device.event.Protocol;
import io.onekey.device.gateway.ConnectionGuards;
import io.onekey.device.gateway.ConnectionLimitHandler;
import io.onekey.device.gateway.DeviceSession;
import io.onekey.device.gateway.GatewayMetrics;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.device.gateway.OncePerInterval;

/** DC-09's two pipelines, TCP and UDP, sharing one receiver and one set of meters. */
public final class Dc09Pipelines {

    private final GatewayServices services;
    private final GatewayMetrics metrics;
    private final OncePerInterval logGate;
    private final Dc09Receiver receiver;
    private final ConnectionLimitHandler limits;
    private final Dc09AnswerEncoder encoder = new Dc09AnswerEncoder();

    public Dc09Pipelines(GatewayServices services) {
        this.services = services;
        this.metrics = new GatewayMetrics(services.registry(), Protocol.DC09);
        this.logGate = DeviceSession.newLogGate(services);
        this.receiver = new Dc09Receiver(services.config().dc09Settings(), services.dc09Keys());
        this.limits = new ConnectionLimitHandler(services.config().maxConnectionsPerAddress(),
                services.config().maxConnections(), metrics);
    }

    public ChannelInitializer<SocketChannel> tcp() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ConnectionGuards.install(ch.pipeline(), limits, services.config().dc09())
                        .addLast("frames", new Dc09FrameDecoder(services.config().dc09().maxFrameBytes()))
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
                                services.config().dc09().maxFrameBytes()));
            }
        };
    }
}
