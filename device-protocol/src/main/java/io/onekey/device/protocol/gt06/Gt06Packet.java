package io.onekey.device.protocol.gt06;

/**
 * One GT06 frame, checked.
 *
 * @param extended  a {@code 79 79} frame (two-byte length)
 * @param protocol  the protocol number (0x01 login, 0x13 status...)
 * @param payload   the bytes between the protocol number and the serial number
 * @param serial    the device's serial number, echoed in the answer
 * @param crcValid  whether the CRC-ITU matched (a mismatch is tolerated and counted, see README)
 */
public record Gt06Packet(boolean extended, int protocol, byte[] payload, int serial, boolean crcValid) {

    public Gt06MessageType type() {
        return Gt06MessageType.of(protocol);
    }

    public int unsigned(int index) {
        return payload[index] & 0xFF;
    }
}
