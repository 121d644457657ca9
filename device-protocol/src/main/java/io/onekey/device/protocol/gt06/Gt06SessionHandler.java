package io.onekey.device.protocol.gt06;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.InvalidFrame;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One GT06 connection. The login packet's IMEI binds the connection to a device (for the
 * server's commands too); until then nothing else is accepted. A refused device (GT06 has no refusal) is disconnected.
 */
public final class Gt06SessionHandler extends SimpleChannelInboundHandler<Object> {

    private final DeviceSession session;
    private String deviceId;
    /** The serial of the last command packet sent on this connection (touched on its event loop only). */
    private int commandSerial;

    public Gt06SessionHandler(DeviceSession session) {
        this.session = session;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InvalidFrame invalid) {
            session.frameInvalid(ctx, invalid);
        } else if (msg instanceof Gt06Packet packet) {
            onPacket(ctx, packet);
        }
    }

    private void onPacket(ChannelHandlerContext ctx, Gt06Packet packet) {
        if (packet.type() == Gt06MessageType.LOGIN) {
            login(ctx, packet);
            return;
        }
        if (deviceId == null) {
            session.frameInvalid(ctx, new InvalidFrame("not-logged-in", "a packet before the login"));
            session.close(ctx); // the device logs in again when it reconnects
            return;
        }
        session.frameAccepted();
        if (!packet.crcValid()) {
            session.defectTolerated("crc-mismatch");
        }
        if (packet.type() == Gt06MessageType.UNKNOWN) {
            session.metrics().unknownMessage(String.format(Locale.ROOT, "0x%02X", packet.protocol()));
        }
        Instant now = session.services().clock().instant();
        List<DeviceEvent> events = Gt06EventMapper.map(packet, deviceId, now);
        // Extended (79 79) packets are informational (strings, serial data): not acknowledged.
        Gt06Answer answer = packet.extended() ? null : new Gt06Answer(packet.protocol(), packet.serial());
        session.storeThenAnswer(ctx, events, answer);
    }

    private void login(ChannelHandlerContext ctx, Gt06Packet packet) {
        if (packet.payload().length < 8) {
            session.frameInvalid(ctx, new InvalidFrame("bad-login", "login without an 8-byte IMEI"));
            return;
        }
        Optional<String> imei = Gt06Imei.of(packet);
        if (imei.isEmpty()) {
            // Like any bad frame: counted, not answered (GT06 has no refusal); the connection
            // stays unbound, so what the device sends next closes it.
            session.frameInvalid(ctx, new InvalidFrame("bad-imei", "login IMEI is not 15 digits: "
                    + HexFormat.of().formatHex(packet.payload(), 0, 8)));
            return;
        }
        session.frameAccepted();
        if (!session.admit(imei.get()).accepted()) {
            session.close(ctx);
            return;
        }
        deviceId = imei.get();
        session.bind(ctx, deviceId, command -> Gt06Commands.packet(command, ++commandSerial).map(Object.class::cast));
        session.storeThenAnswer(ctx, List.of(), new Gt06Answer(packet.protocol(), packet.serial()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.connectionClosed(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.frameInvalid(ctx, new InvalidFrame("exception", cause.getClass().getSimpleName()));
    }
}
