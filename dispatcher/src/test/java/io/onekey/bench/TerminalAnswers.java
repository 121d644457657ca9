package io.onekey.bench;

/**
 * Reads the answers a server sends one terminal, byte by byte, and says which frame each one
 * answers: a watch answer names its command before its closing bracket, a GT06 answer carries
 * the packet's protocol number, and a DC-09 acknowledgement echoes the message's sequence
 * number (an SOS goes out as sequence {@link #DC09_ALARM_SEQUENCE}, heartbeats never do).
 */
abstract class TerminalAnswers {

    /** What an answer answers. */
    enum Answer { NONE, HEARTBEAT, ALARM, POSITION, OTHER }

    /** The sequence number of a DC-09 SOS, as the dialect writes it for serial {@code DC09_ALARM_SEQUENCE - 1}. */
    static final int DC09_ALARM_SEQUENCE = 9999;

    /** The next byte of the stream; an answer's kind on its last byte, else {@link Answer#NONE}. */
    abstract Answer read(byte b);

    static TerminalAnswers of(String protocol) {
        return switch (protocol) {
            case "WATCH" -> new Watch();
            case "GT06" -> new Gt06();
            case "DC09" -> new Dc09();
            default -> throw new IllegalArgumentException("no terminal for protocol " + protocol);
        };
    }

    /** {@code [SG*id*0002*LK]}: the last two bytes before {@code ]}. */
    private static final class Watch extends TerminalAnswers {
        private int tail;

        @Override
        Answer read(byte b) {
            if (b != ']') {
                tail = ((tail << 8) | (b & 0xff)) & 0xffff;
                return Answer.NONE;
            }
            int last = tail;
            tail = 0;
            return last == ('L' << 8 | 'K') ? Answer.HEARTBEAT : last == ('A' << 8 | 'L') ? Answer.ALARM : Answer.OTHER;
        }
    }

    /** {@code 78 78 len protocol … 0D 0A}: counted by the length field, so a 0A inside never ends one. */
    private static final class Gt06 extends TerminalAnswers {
        private int at;
        private int total = Integer.MAX_VALUE;
        private int protocol;

        @Override
        Answer read(byte b) {
            int i = at++;
            if (i < 2 && b != 0x78) {
                at = 0; // not a start: wait for the next one
                return Answer.NONE;
            }
            if (i == 2) {
                total = 2 + 1 + (b & 0xff) + 2;
            } else if (i == 3) {
                protocol = b & 0xff;
            }
            if (at < total) {
                return Answer.NONE;
            }
            at = 0;
            total = Integer.MAX_VALUE;
            return switch (protocol) {
                case 0x13 -> Answer.HEARTBEAT;
                case 0x16 -> Answer.ALARM;
                case 0x12 -> Answer.POSITION;
                default -> Answer.OTHER;
            };
        }
    }

    /** {@code LF crc len "ACK"9999R0L0#acct[] CR}: the sequence follows the quoted token. */
    private static final class Dc09 extends TerminalAnswers {
        private final StringBuilder line = new StringBuilder(64);

        @Override
        Answer read(byte b) {
            if (b != '\r') {
                line.append((char) (b & 0xff));
                return Answer.NONE;
            }
            int quote = line.lastIndexOf("\"");
            boolean alarm = quote >= 0 && line.indexOf(Integer.toString(DC09_ALARM_SEQUENCE), quote) == quote + 1;
            line.setLength(0);
            return alarm ? Answer.ALARM : Answer.HEARTBEAT;
        }
    }
}
