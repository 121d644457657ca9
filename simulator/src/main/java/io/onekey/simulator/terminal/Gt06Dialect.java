package io.onekey.simulator.terminal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.onekey.device.protocol.Checksums;
import io.onekey.simulator.town.Town;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;

/** A GPS pendant speaking GT06: login, status heartbeats, and alarm packets with the SOS bits. */
final class Gt06Dialect implements Dialect {

    @Override
    public byte[] hello(Town.Device device, int serial) {
        // The IMEI as eight BCD bytes: a leading 0 and fifteen digits.
        return frame(0x01, HexFormat.of().parseHex("0" + device.id()), serial);
    }

    @Override
    public byte[] heartbeat(Town.Device device, Instant now, int serial) {
        // terminal info, voltage level 6, GSM 4, no alarm, language 2
        return frame(0x13, new byte[] {0x00, 0x06, 0x04, 0x00, 0x02}, serial);
    }

    @Override
    public byte[] sos(Town.Device device, Instant now, double lat, double lon, boolean withFix, int serial) {
        ByteBuf p = gps(now, lat, lon, withFix);
        p.writeBytes(new byte[] {0x08, 0x01, (byte) 0xCC, 0x00, 0x28, 0x7D, 0x00, 0x1F, 0x71});  // cell: MCC 460
        p.writeBytes(new byte[] {0x20, 0x06, 0x04, 0x01, 0x02});     // SOS in terminal info and alarm byte
        return frame(0x16, bytes(p), serial);
    }

    /** A location packet (0x12): the GPS block and the cell, answered like every short packet. */
    @Override
    public byte[] position(Town.Device device, Instant now, double lat, double lon, int serial) {
        ByteBuf p = gps(now, lat, lon, true);
        p.writeBytes(new byte[] {0x01, (byte) 0xCC, 0x00, 0x28, 0x7D, 0x00, 0x1F, 0x71});        // cell: MCC 460
        return frame(0x12, bytes(p), serial);
    }

    /** The date and time, then the GPS block: satellites, latitude, longitude, speed, course and flags. */
    private static ByteBuf gps(Instant now, double lat, double lon, boolean withFix) {
        ByteBuf p = Unpooled.buffer(40);
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        p.writeByte(t.getYear() - 2000).writeByte(t.getMonthValue()).writeByte(t.getDayOfMonth())
                .writeByte(t.getHour()).writeByte(t.getMinute()).writeByte(t.getSecond());
        p.writeByte(0xC0 | (withFix ? 9 : 0));                       // GPS block length 12, satellites
        p.writeInt((int) Math.round(Math.abs(lat) * 1_800_000));
        p.writeInt((int) Math.round(Math.abs(lon) * 1_800_000));
        p.writeByte(0);                                              // speed
        int status = (withFix ? 1 << 12 : 0) | (lat >= 0 ? 1 << 10 : 0) | (lon < 0 ? 1 << 11 : 0);
        p.writeShort(status);                                        // course 0 and the flags
        return p;
    }

    private static byte[] bytes(ByteBuf p) {
        byte[] payload = new byte[p.readableBytes()];
        p.readBytes(payload);
        return payload;
    }

    @Override
    public byte answerEnd() {
        return '\n';
    }

    private static byte[] frame(int protocol, byte[] payload, int serial) {
        ByteBuf f = Unpooled.buffer(payload.length + 10);
        f.writeShort(0x7878).writeByte(payload.length + 5).writeByte(protocol).writeBytes(payload).writeShort(serial & 0xFFFF);
        f.writeShort(Checksums.crc16X25(f, 2, f.writerIndex() - 2));
        f.writeShort(0x0D0A);
        return bytes(f);
    }
}
