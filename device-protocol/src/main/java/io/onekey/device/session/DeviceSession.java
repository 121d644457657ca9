package io.onekey.device.session;


import io.netty.channel.ChannelHandlerContext;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Protocol;
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

    private final Protocol protocol;
    private final SessionServices services;
    private final GatewayMetrics metrics;
    private final OncePerInterval logGate;
    private final boolean connectionOriented;
    private int invalidInARow;

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
        return new OncePerInterval(services.clock(), LOG_INTERVAL);
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
     * Counts a bad frame, logs it at most once a minute per peer and reason, and closes the
     * connection when the peer keeps sending garbage.
     *
     * @return true if the connection was closed
     */
    public boolean frameInvalid(ChannelHandlerContext ctx, InvalidFrame invalid) {
        return frameInvalid(ctx, invalid, String.valueOf(ctx.channel().remoteAddress()));
    }

    /** As {@link #frameInvalid(ChannelHandlerContext, InvalidFrame)}, naming the peer (datagrams). */
    public boolean frameInvalid(ChannelHandlerContext ctx, InvalidFrame invalid, String peer) {
        metrics.frameIn();
        metrics.invalidFrame(invalid.reason());
        if (logGate.tryPass("invalid|" + peer + "|" + invalid.reason())) {
            log.warn("{} invalid frame from {}: {} ({})", protocol, peer, invalid.reason(), invalid.detail());
        }
        if (connectionOriented && ++invalidInARow >= services.maxInvalidFramesInARow()) {
            log.warn("{} closing connection from {} after {} invalid frames in a row", protocol, peer, invalidInARow);
            ctx.close();
            return true;
        }
        return false;
    }

    /** Asks whether frames of this device are accepted; refusals are counted and logged once a minute. */
    public DeviceAdmission.Verdict admit(String deviceId) {
        DeviceAdmission.Verdict verdict = services.admission().admit(protocol, deviceId);
        if (verdict == DeviceAdmission.Verdict.REFUSED) {
            metrics.refusedDevice();
            if (logGate.tryPass("refused|" + deviceId)) {
                log.warn("{} frame from unregistered device {} refused (set ONEKEY_ACCEPT_UNKNOWN_DEVICES=true "
                        + "while commissioning)", protocol, deviceId);
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
}
