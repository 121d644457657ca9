package io.onekey.device.session;


import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** The handlers every device connection starts with: the connection caps, then the idle timeout. */
public final class ConnectionGuards {

    private ConnectionGuards() {
    }

    public static ChannelPipeline install(ChannelPipeline pipeline, ConnectionLimitHandler limits, ProtocolLimits protocol) {
        return pipeline
                .addLast("limits", limits)
                .addLast("idle", new IdleStateHandler(protocol.idleTimeout().toSeconds(), 0, 0, TimeUnit.SECONDS))
                .addLast("idle-close", IdleConnectionCloser.INSTANCE);
    }
}
