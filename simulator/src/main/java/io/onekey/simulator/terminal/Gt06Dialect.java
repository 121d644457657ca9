package io.onekey.simulator.terminal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.onekey.device.protocol.Checksums;
import io.onekey.device.command.DeviceCommand;
import io.onekey.simulator.town.Town;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** A GPS pendant speaking GT06: login, status heartbeats, alarm packets with the SOS bits, WHERE# answered. */
final class Gt06Dialect implements Dialect {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

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

    /** Command packets (protocol 0x80) whose text is {@code WHERE#}; other commands are not simulated. */
    @Override
    public List<DeviceCommand> commandsIn(byte[] received) {
        List<DeviceCommand> commands = new ArrayList<>(1);
        for (int i = 0; i + 10 < received.length; i++) {
            if ((received[i] & 0xFF) == 0x78 && (received[i + 1] & 0xFF) == 0x78 && (received[i + 3] & 0xFF) == 0x80) {
                int textLength = (received[i + 4] & 0xFF) - 4;
                int textAt = i + 9;
                if (textLength > 0 && textAt + textLength <= received.length
                        && new String(received, textAt, textLength, StandardCharsets.US_ASCII).equals("WHERE#")) {
                    commands.add(DeviceCommand.LOCATE);
                }
            }
        }
        return commands;
    }

    /** WHERE# is answered with a 0x15 string packet: command length, server flag, the position in words, language. */
    @Override
    public List<byte[]> answer(DeviceCommand command, Town.Device device, Instant now, double lat, double lon, int serial) {
        if (command != DeviceCommand.LOCATE) {
            return List.of();
        }
        String text = String.format(Locale.ROOT, "Current position!Lat:%s%.6f,Lon:%s%.6f,Course:0.00,Speed:0.0000,DateTime:%s",
                lat < 0 ? "S" : "N", Math.abs(lat), lon < 0 ? "W" : "E", Math.abs(lon),
                DATE_TIME.format(now.atZone(ZoneOffset.UTC)));
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuf p = Unpooled.buffer(bytes.length + 7);
        p.writeByte(4 + bytes.length).writeInt(0).writeBytes(bytes).writeShort(0x0002);
        byte[] payload = new byte[p.readableBytes()];
        p.readBytes(payload);
        return List.of(frame(0x15, payload, serial));
    }

    private static byte[] frame(int protocol, byte[] payload, int serial) {
        ByteBuf f = Unpooled.buffer(payload.length + 10);
        f.writeShort(0x7878).writeByte(payload.length + 5).writeByte(protocol).writeBytes(payload).writeShort(serial & 0xFFFF);
        f.writeShort(Checksums.crc16X25(f, 2, f.writerIndex() - 2));
        f.writeShort(0x0D0A);
        return bytes(f);
    }
}
