package io.onekey.device.protocol.gt06;

import io.onekey.device.event.AlarmKind;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Where a packet's alarms were found, and what they are: a status block, an event byte, none
 * in a layout known to have none, or a layout no known model uses, raised whole.
 */
sealed interface Gt06Reading {

    List<Gt06Alarms.Found> alarms(Gt06Packet packet);

    default OptionalInt batteryPercent(Gt06Packet packet) {
        return OptionalInt.empty();
    }

    default OptionalInt signal(Gt06Packet packet) {
        return OptionalInt.empty();
    }

    /**
     * The status block at {@code at}: terminal info, voltage level 0–6, GSM signal 0–4, alarm
     * byte, language. Longer status variants keep these first.
     */
    record StatusBlock(int at) implements Gt06Reading {

        @Override
        public List<Gt06Alarms.Found> alarms(Gt06Packet packet) {
            return Gt06Alarms.decode(packet.unsigned(at), packet.unsigned(at + 3));
        }

        @Override
        public OptionalInt batteryPercent(Gt06Packet packet) {
            int level = packet.unsigned(at + 1);
            return level <= 6 ? OptionalInt.of(Math.round(level * 100f / 6)) : OptionalInt.empty();
        }

        @Override
        public OptionalInt signal(Gt06Packet packet) {
            int gsm = packet.unsigned(at + 2);
            return gsm <= 4 ? OptionalInt.of(gsm) : OptionalInt.empty();
        }
    }

    /** The event byte of a 0x95 alarm packet; {@code extended} when it follows a position. */
    record EventByte(int at, boolean extended) implements Gt06Reading {

        @Override
        public List<Gt06Alarms.Found> alarms(Gt06Packet packet) {
            return List.of(Gt06Alarms.event(packet.unsigned(at), extended));
        }
    }

    /** A known layout that carries no alarm (LBS and Wi-Fi, information, plain locations). */
    record NoAlarm() implements Gt06Reading {

        @Override
        public List<Gt06Alarms.Found> alarms(Gt06Packet packet) {
            return List.of();
        }
    }

    /**
     * A packet of a type that carries alarms, in a layout no known model uses: its alarm cannot
     * be read, so it is raised as OTHER with the raw payload, for a person to look at. Reading a
     * byte at a guessed place could report a wrong alarm, or none.
     */
    record Unrecognised() implements Gt06Reading {

        private static final int MAX_RAW_BYTES = 128;

        @Override
        public List<Gt06Alarms.Found> alarms(Gt06Packet packet) {
            byte[] payload = packet.payload();
            int shown = Math.min(payload.length, MAX_RAW_BYTES);
            String raw = String.format(Locale.ROOT, "GT06:0x%02X:", packet.protocol()) + HexFormat.of().formatHex(payload, 0, shown)
                    + (payload.length > shown ? "+" + (payload.length - shown) + " bytes" : "");
            return List.of(new Gt06Alarms.Found(AlarmKind.OTHER, raw));
        }
    }
}
