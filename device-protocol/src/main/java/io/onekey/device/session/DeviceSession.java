package io.onekey.device.session;


import io.netty.channel.ChannelHandlerContext;
import io.onekey.device.command.CommandWriter;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Protocol;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol-independent half of a device connection: admission of the device, the
 * store-then-answer hand-off, and the bookkeeping of bad frames. Each protocol's session
 * handler owns one and keeps only the protocol's own logic.
 */
public final class DeviceSession {

    private static final Logger log = LoggerFactory.getLogger(DeviceSession.class);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    /**
     * Lines a protocol's sessions may log per minute in all, whatever their keys: once per
     * peer and reason is not enough when every datagram claims a new source address.
     */
    private static final int MAX_LINES_PER_INTERVAL = 100;

    private final Protocol protocol;
    private final SessionServices services;
    private final GatewayMetrics metrics;
    private final OncePerInterval logGate;
    private final boolean connectionOriented;
    private int invalidInARow;
    /** Set when this session closed its connection; what the decoder had already read still arrives. */
    private boolean closed;
    /** The device this connection is bound to for commands, once known. */
    private String boundDevice;

    public DeviceSession(Protocol protocol, SessionServices services, GatewayMetrics metrics, OncePerInterval logGate) {
        this(protocol, services, metrics, logGate, true);
    }

    /**
     * @param connectionOriented false for a datagram listener, whose one channel serves every
     *                           device and must never be closed for one device's garbage
     */
    public DeviceSession(Protocol protocol, SessionServices services, GatewayMetrics metrics, OncePerInterval logGate,
                         boolean connectionOriented) {
        this.protocol = protocol;
        this.services = services;
        this.metrics = metrics;
        this.logGate = logGate;
        this.connectionOriented = connectionOriented;
    }

    public static OncePerInterval newLogGate(SessionServices services) {
        return new OncePerInterval(services.clock(), LOG_INTERVAL, MAX_LINES_PER_INTERVAL);
    }

    public SessionServices services() {
        return services;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Counts a good frame: the run of bad ones is over. */
    public void frameAccepted() {
        metrics.frameIn();
        invalidInARow = 0;
    }

    /** Counts a defect that was tolerated by decision (a miscounted length field, say). */
    public void defectTolerated(String defect) {
        metrics.toleratedDefect(defect);
    }

    /**
     * Counts a bad frame, logs it at most once a minute per peer address and reason, and closes
     * the connection when the peer keeps sending garbage.
     *
     * @return true if the connection is closed (now or already)
     */
    public boolean frameInvalid(ChannelHandlerContext ctx, InvalidFrame invalid) {
        return frameInvalid(ctx, invalid, ctx.channel().remoteAddress());
    }

    /** As {@link #frameInvalid(ChannelHandlerContext, InvalidFrame)}, naming the peer (datagrams). */
    public boolean frameInvalid(ChannelHandlerContext ctx, InvalidFrame invalid, SocketAddress peer) {
        metrics.frameIn();
        metrics.invalidFrame(invalid.reason());
        if (closed) {
            // The rest of a read that already closed the connection: counted, never logged again.
            return true;
        }
        // Keyed by address without the port: a flood that reconnects gets a new port each time.
        if (logGate.tryPass("invalid|" + hostOf(peer) + "|" + invalid.reason())) {
            log.warn("{} invalid frame from {}: {} ({})", protocol, peer, invalid.reason(), invalid.detail());
            reportHeldBack();
        }
        if (connectionOriented && ++invalidInARow >= services.maxInvalidFramesInARow()) {
            close(ctx, peer);
            return true;
        }
        return false;
    }

    /**
     * Closes the connection for a reason already counted; logged once for the connection, and at
     * most once a minute per peer address.
     */
    public void close(ChannelHandlerContext ctx) {
        close(ctx, ctx.channel().remoteAddress());
    }

    private void close(ChannelHandlerContext ctx, SocketAddress peer) {
        if (closed) {
            return;
        }
        closed = true;
        if (invalidInARow >= services.maxInvalidFramesInARow() && logGate.tryPass("closed|" + hostOf(peer))) {
            log.warn("{} closing connection from {} after {} invalid frames in a row", protocol, peer, invalidInARow);
            reportHeldBack();
        }
        ctx.close();
    }

    /** Whether this session closed its connection; frames read before the close may still arrive. */
    public boolean closed() {
        return closed;
    }

    /**
     * Binds the identified device to this connection, so that commands for it are written here;
     * a connection that turns out to carry another device moves its binding.
     */
    public void bind(ChannelHandlerContext ctx, String deviceId, CommandWriter writer) {
        if (deviceId.equals(boundDevice)) {
            return;
        }
        if (boundDevice != null) {
            services.connectedDevices().unbind(protocol, boundDevice, ctx.channel());
        }
        boundDevice = deviceId;
        services.connectedDevices().bind(protocol, deviceId, ctx.channel(), writer);
    }

    /** The connection closed: its device is unbound, unless it is bound to a newer connection already. */
    public void connectionClosed(ChannelHandlerContext ctx) {
        if (boundDevice != null) {
            services.connectedDevices().unbind(protocol, boundDevice, ctx.channel());
            boundDevice = null;
        }
    }

    /** Asks whether frames of this device are accepted; refusals are counted and logged once a minute. */
    public DeviceAdmission.Verdict admit(String deviceId) {
        DeviceAdmission.Verdict verdict = services.admission().admit(protocol, deviceId);
        if (verdict == DeviceAdmission.Verdict.REFUSED) {
            metrics.refusedDevice();
            if (logGate.tryPass("refused|" + deviceId)) {
                log.warn("{} frame from unregistered device {} refused (set ONEKEY_ACCEPT_UNKNOWN_DEVICES=true "
                        + "while commissioning)", protocol, deviceId);
                reportHeldBack();
            }
        } else if (verdict == DeviceAdmission.Verdict.COMMISSIONED && logGate.tryPass("commissioned|" + deviceId)) {
            log.info("{} device {} auto-registered as unassigned (commissioning switch is on)", protocol, deviceId);
        }
        return verdict;
    }

    /**
     * Stores the events and answers the device only once they are stored. If the store
     * refuses, the device is not answered and will retransmit.
     */
    public void storeThenAnswer(ChannelHandlerContext ctx, List<DeviceEvent> events, Object answer) {
        if (events.isEmpty()) {
            answer(ctx, answer);
            return;
        }
        services.handOff().handOff(events).whenComplete((ok, failure) -> {
            if (failure != null) {
                metrics.handOffFailed();
                if (logGate.tryPass("handoff|" + events.get(0).deviceId())) {
                    log.error("{} events from {} not stored, device left unanswered to retransmit: {}",
                            protocol, events.get(0).deviceId(), failure.toString());
                }
                return;
            }
            metrics.eventsOut(events.size());
            answer(ctx, answer);
        });
    }

    private void answer(ChannelHandlerContext ctx, Object answer) {
        if (answer != null && ctx.channel().isActive()) {
            ctx.writeAndFlush(answer);
            metrics.answerOut();
        }
    }

    /** One line for what the overall cap held back in the minutes before, if anything. */
    private void reportHeldBack() {
        long heldBack = logGate.takeHeldBack();
        if (heldBack > 0) {
            log.warn("{}: {} more lines about bad input or refused devices were left out (at most {} a minute)",
                    protocol, heldBack, MAX_LINES_PER_INTERVAL);
        }
    }

    private static String hostOf(SocketAddress peer) {
        if (peer instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(peer);
    }
}
