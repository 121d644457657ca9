package io.onekey.device.protocol;

import io.netty.buffer.ByteBuf;

/** The CRCs of the protocols, computed bit by bit: frames are short and the code stays obvious. */
public final class Checksums {

    private Checksums() {
    }

    /**
     * CRC-16/ARC (poly 0x8005 reflected = 0xA001, init 0, no final XOR), the check of SIA DC-09.
     * Some published code claims CRC-CCITT for DC-09; the captured frames prove ARC.
     */
    public static int crc16Arc(ByteBuf buf, int index, int length) {
        int crc = 0;
        for (int i = index; i < index + length; i++) {
            crc ^= buf.getByte(i) & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    public static int crc16Arc(byte[] bytes) {
        return crc16Arc(io.netty.buffer.Unpooled.wrappedBuffer(bytes), 0, bytes.length);
    }

    /** CRC-16/X-25 (poly 0x1021 reflected = 0x8408, init 0xFFFF, final XOR 0xFFFF): GT06's "CRC-ITU". */
    public static int crc16X25(ByteBuf buf, int index, int length) {
        int crc = 0xFFFF;
        for (int i = index; i < index + length; i++) {
            crc ^= buf.getByte(i) & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
        }
        return ~crc & 0xFFFF;
    }
}
