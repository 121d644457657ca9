package io.onekey.device.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.onekey.device.protocol.dc09.Dc09Pipelines;
import io.onekey.device.protocol.gt06.Gt06Pipeline;
import io.onekey.device.protocol.watch.WatchPipeline;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device gateway: one listener per protocol on its own port, on Netty event loops of
 * its own (epoll where the platform has it). It knows nothing of alerts: it hands events to
 * {@link EventHandOff} and answers devices when they are stored.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    /** The listeners this build provides, by name, in start order. */
    public enum Listener {
        DC09_TCP,
        DC09_UDP,
        WATCH_TCP,
        GT06_TCP
    }

    private final GatewayServices services;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Class<? extends ServerChannel> serverChannelType;
    private final Class<? extends DatagramChannel> datagramChannelType;
    private final List<Channel> channels = new ArrayList<>();
    private final Map<Listener, Integer> boundPorts = new LinkedHashMap<>();

    public GatewayServer(GatewayServices services) {
        this.services = services;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, ioHandler);
        this.workerGroup = new MultiThreadIoEventLoopGroup(0, ioHandler);
        this.serverChannelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.datagramChannelType = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** Binds every listener; throws if a port cannot be bound, naming it. */
    public GatewayServer start() {
        GatewayConfig config = services.config();
        Dc09Pipelines dc09 = new Dc09Pipelines(services, config.dc09(), config.dc09Settings(), services.dc09Keys());
        bindTcp(Listener.DC09_TCP, config.dc09Port(), dc09.tcp());
        bindUdp(Listener.DC09_UDP, config.dc09Port() == 0 ? port(Listener.DC09_TCP) : config.dc09Port(), dc09.udp());
        bindTcp(Listener.WATCH_TCP, config.watchPort(), new WatchPipeline(services, config.watch()));
        bindTcp(Listener.GT06_TCP, config.gt06Port(), new Gt06Pipeline(services, config.gt06()));
        return this;
    }

    private void bindTcp(Listener listener, int port, ChannelInitializer<SocketChannel> pipeline) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(serverChannelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(pipeline);
        bind(listener, port, () -> bootstrap.bind(services.config().host(), port));
    }

    private void bindUdp(Listener listener, int port, ChannelInitializer<DatagramChannel> pipeline) {
        Bootstrap bootstrap = new Bootstrap()
                .group(workerGroup)
                .channel(datagramChannelType)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(pipeline);
        bind(listener, port, () -> bootstrap.bind(services.config().host(), port));
    }

    /** Binds, records the port actually bound, and names the listener and port if it fails. */
    private void bind(Listener listener, int port, Supplier<ChannelFuture> binding) {
        try {
            Channel channel = binding.get().sync().channel();
            channels.add(channel);
            int bound = ((InetSocketAddress) channel.localAddress()).getPort();
            boundPorts.put(listener, bound);
            log.info("gateway listening: {} on {}:{}", listener, services.config().host(), bound);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen for " + listener + " on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The port a listener is bound to (useful when configured as 0). */
    public int port(Listener listener) {
        Integer port = boundPorts.get(listener);
        if (port == null) {
            throw new IllegalStateException(listener + " is not listening");
        }
        return port;
    }

    @Override
    public void close() {
        for (Channel channel : channels) {
            channel.close().awaitUninterruptibly();
        }
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
