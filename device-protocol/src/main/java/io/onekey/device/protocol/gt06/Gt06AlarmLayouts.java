package io.onekey.device.protocol.gt06;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a packet's alarms in the layouts models are known to use, one method per message type.
 * A layout is recognised only when its parts add up to the payload's length exactly; a packet
 * of an alarm-carrying type that fits none is {@link Gt06Reading.Unrecognised} and raised whole,
 * never read at a guessed offset and never reduced to a heartbeat.
 *
 * <p>The layouts, all seen in the captured frames:
 * <ul>
 *   <li>0x13 status: the status block first; longer variants (14 and 16 bytes) append fields;</li>
 *   <li>0x16, 0x26, 0x27, 0xA4 (GPS, cell, status): the 18-byte GPS block, a cell block, the
 *       status block, then a trailer that depends on the type: none (0x16, 0x26), the 8-byte
 *       RFID of a VL103 (0x16), or a geofence number (0x27, 0xA4);</li>
 *   <li>the cell block: a length byte then a 2G cell (MCC, MNC, LAC 2, cell 3) or a 4G cell
 *       (LAC 4, cell 8); models write the length with or without itself, both are accepted.
 *       Some models leave the length byte out (2G cell only); a length 0 means no cell and
 *       padding up to the status block;</li>
 *   <li>0x19 and 0xA5 (cell and status, no GPS): a 2G or 4G cell without length byte, then
 *       the status block;</li>
 *   <li>0x2C (LBS and Wi-Fi): date, MCC, MNC, seven cells, timing advance, Wi-Fi count and
 *       access points; no alarm. Some firmware uses 0x2C for a fence alarm: that layout does
 *       not add up, and is raised whole;</li>
 *   <li>0x95 (JC100 / JC400 alarm): an event byte after the date (7 bytes), after date and
 *       position (byte 16), or after the JC400's marker, date, position and power (byte 24).</li>
 * </ul>
 * MCC with its top bit set means a two-byte MNC, in every cell block.
 */
final class Gt06AlarmLayouts {

    static final int GPS_BLOCK = 18;
    private static final int STATUS_BLOCK = 5;
    private static final int LBS_WIFI_CELLS = 7;
    private static final int ZERO_CELL_PADDING = -1;
    private static final Gt06Reading NO_ALARM = new Gt06Reading.NoAlarm();
    private static final Gt06Reading UNRECOGNISED = new Gt06Reading.Unrecognised();

    private enum Cell {
        GSM(2, 3),
        LTE(4, 8);

        final int lac;
        final int cellId;

        Cell(int lac, int cellId) {
            this.lac = lac;
            this.cellId = cellId;
        }

        /** Bytes of MCC, MNC, LAC and cell id at {@code at}, or -1 if the payload ends first. */
        int size(Gt06Packet p, int at) {
            if (at + 2 > p.payload().length) {
                return -1;
            }
            boolean twoByteMnc = (p.unsigned(at) & 0x80) != 0;
            return 2 + (twoByteMnc ? 2 : 1) + lac + cellId;
        }
    }

    private Gt06AlarmLayouts() {
    }

    static Gt06Reading locate(Gt06Packet packet) {
        return switch (packet.type()) {
            case STATUS -> statusFirst(packet);
            case ALARM -> gpsCellStatus(packet, 0, 8);
            case ALARM_2 -> gpsCellStatus(packet, 0);
            case ALARM_3, ALARM_4G -> gpsCellStatus(packet, 1);
            case LBS_ALARM -> cellStatus(packet, Cell.GSM);
            case LBS_ALARM_4G -> cellStatus(packet, Cell.LTE);
            case LBS_WIFI -> lbsAndWifi(packet);
            case EVENT_ALARM -> eventByte(packet);
            default -> NO_ALARM;
        };
    }

    private static Gt06Reading statusFirst(Gt06Packet p) {
        return p.payload().length >= STATUS_BLOCK ? new Gt06Reading.StatusBlock(0) : UNRECOGNISED;
    }

    /** GPS block, cell block, status block, then one of the type's trailers. */
    private static Gt06Reading gpsCellStatus(Gt06Packet p, int... trailers) {
        int length = p.payload().length;
        if (length < GPS_BLOCK + 1 + STATUS_BLOCK) {
            return UNRECOGNISED;
        }
        for (int cellBlock : cellBlockSizes(p, GPS_BLOCK)) {
            for (int trailer : trailers) {
                int status = cellBlock == ZERO_CELL_PADDING ? length - trailer - STATUS_BLOCK : GPS_BLOCK + cellBlock;
                if (status > GPS_BLOCK && status + STATUS_BLOCK + trailer == length) {
                    return new Gt06Reading.StatusBlock(status);
                }
            }
        }
        return UNRECOGNISED;
    }

    /** The sizes the cell block at {@code at} may have, its length byte included; most likely first. */
    private static List<Integer> cellBlockSizes(Gt06Packet p, int at) {
        int declared = p.unsigned(at);
        if (declared == 0) {
            return List.of(ZERO_CELL_PADDING);
        }
        List<Integer> sizes = new ArrayList<>(3);
        for (Cell cell : Cell.values()) {
            int fields = cell.size(p, at + 1);
            if (fields > 0 && (declared == fields || declared == fields + 1)) {
                sizes.add(1 + fields);
            }
        }
        if (sizes.isEmpty()) {
            sizes.add(Cell.GSM.size(p, at)); // no length byte: what its first byte is, is the MCC
        }
        return sizes;
    }

    /** A cell without length byte, then the status block, and nothing after. */
    private static Gt06Reading cellStatus(Gt06Packet p, Cell cell) {
        int fields = cell.size(p, 0);
        return fields > 0 && fields + STATUS_BLOCK == p.payload().length ? new Gt06Reading.StatusBlock(fields) : UNRECOGNISED;
    }

    private static Gt06Reading lbsAndWifi(Gt06Packet p) {
        int cells = Cell.GSM.size(p, 6);
        if (cells < 0) {
            return UNRECOGNISED;
        }
        // date 6, MCC and MNC, seven times LAC 2 + cell 3 + signal 1, timing advance; then the
        // number of access points, each a MAC address and a signal
        int countAt = 6 + (cells - Cell.GSM.lac - Cell.GSM.cellId) + LBS_WIFI_CELLS * 6 + 1;
        if (countAt >= p.payload().length) {
            return UNRECOGNISED;
        }
        return countAt + 1 + p.unsigned(countAt) * 7 == p.payload().length ? NO_ALARM : UNRECOGNISED;
    }

    private static Gt06Reading eventByte(Gt06Packet p) {
        int length = p.payload().length;
        if (length == 7) {
            return new Gt06Reading.EventByte(6, false);
        }
        boolean jc400 = length > 2 && p.unsigned(0) == 0xFF && p.unsigned(1) == 0xFF;
        if (jc400) {
            return length > 24 ? new Gt06Reading.EventByte(24, true) : UNRECOGNISED;
        }
        return length > 16 ? new Gt06Reading.EventByte(16, true) : UNRECOGNISED;
    }
}
