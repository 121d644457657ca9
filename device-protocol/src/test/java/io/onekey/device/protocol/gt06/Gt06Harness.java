package io.onekey.device.protocol.gt06;

import io.onekey.monitoring.MetricNames;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.Protocol;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.device.protocol.Checksums;
import io.onekey.device.session.DeviceAdmission;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.GatewayMetrics;
import io.onekey.device.testing.RecordingHandOff;
import io.onekey.device.testing.TestGateway;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A GT06 pipeline on an embedded channel, with a fixed clock, recording what it admits and stores. */
final class Gt06Harness implements AutoCloseable {

    /** A captured login: IMEI 864717003283581, serial 0x0009. */
    static final String LOGIN = "78780d01086471700328358100093f040d0a";

    final RecordingHandOff handOff = new RecordingHandOff();
    final List<String> admitted = new ArrayList<>();
    final GatewayServices services;
    final EmbeddedChannel channel;

    Gt06Harness(DeviceAdmission admission) {
        DeviceAdmission recording = (protocol, id) -> {
            admitted.add(id);
            return admission.admit(protocol, id);
        };
        this.services = TestGateway.services(handOff, recording);
        this.channel = new EmbeddedChannel(new Gt06FrameDecoder(4096), new Gt06MessageDecoder(), new Gt06AnswerEncoder(), new Gt06CommandEncoder(),
                new Gt06SessionHandler(new DeviceSession(Protocol.GT06, services,
                        new GatewayMetrics(services.registry(), Protocol.GT06), DeviceSession.newLogGate(services))));
    }

    /** A harness whose device has logged in. */
    static Gt06Harness loggedIn() {
        Gt06Harness harness = new Gt06Harness(DeviceAdmission.ADMIT_ALL);
        harness.send(hex(LOGIN));
        return harness;
    }

    /** Writes the bytes in one read and returns the answers, in hex. */
    List<String> send(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        List<String> answers = new ArrayList<>();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            answers.add(ByteBufUtil.hexDump(out));
            out.release();
        }
        return answers;
    }

    List<Alarm> alarms() {
        return handOff.stored().stream().filter(e -> e instanceof Alarm).map(e -> (Alarm) e).toList();
    }

    double invalid(String reason) {
        var counter = services.registry().find(MetricNames.GATEWAY_FRAMES_INVALID).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    double invalidInAll() {
        return services.registry().find(MetricNames.GATEWAY_FRAMES_INVALID).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** A standard {@code 78 78} frame around a protocol number and payload, with a right CRC. */
    static byte[] frame(int protocol, byte[] payload, int serial) {
        ByteBuf f = Unpooled.buffer(payload.length + 10);
        f.writeShort(0x7878).writeByte(payload.length + 5).writeByte(protocol).writeBytes(payload).writeShort(serial);
        f.writeShort(Checksums.crc16X25(f, 2, f.writerIndex() - 2));
        f.writeShort(0x0D0A);
        byte[] bytes = ByteBufUtil.getBytes(f);
        f.release();
        return bytes;
    }
}
