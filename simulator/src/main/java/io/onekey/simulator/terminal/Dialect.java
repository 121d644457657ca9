package io.onekey.simulator.terminal;

import io.onekey.device.command.DeviceCommand;
import io.onekey.simulator.town.Town;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * How one protocol's terminal talks: the frames it sends, and the byte that ends each answer.
 * Public for the tools that drive terminals one frame at a time (the crash test).
 */
public interface Dialect {

    /** The dialect of a protocol: {@code WATCH}, {@code DC09} or {@code GT06}. */
    static Dialect of(String protocol, Random random) {
        return switch (protocol) {
            case "WATCH" -> new WatchDialect(random);
            case "DC09" -> new Dc09Dialect();
            case "GT06" -> new Gt06Dialect();
            default -> throw new IllegalArgumentException("no dialect for protocol " + protocol);
        };
    }

    /** What the terminal sends first on a new connection (a GT06 login), or null. */
    byte[] hello(Town.Device device, int serial);

    byte[] heartbeat(Town.Device device, Instant now, int serial);

    /** An SOS press; {@code withFix} false sends no position, as a device indoors does. */
    byte[] sos(Town.Device device, Instant now, double lat, double lon, boolean withFix, int serial);

    /**
     * A position report that the server answers (GT06's location packet), or null for a protocol
     * whose position reports go unanswered (the watch's UD) or that has none (DC-09).
     */
    default byte[] position(Town.Device device, Instant now, double lat, double lon, int serial) {
        return null;
    }

    /** The last byte of each answer, to count them. */
    byte answerEnd();

    /** The server's commands among the bytes it wrote (answers and commands alike), in order. */
    default List<DeviceCommand> commandsIn(byte[] received) {
        return List.of();
    }

    /**
     * What the terminal sends back for a command, as the real ones do: a locate is acknowledged
     * (a watch) and answered with a fresh position, a ring acknowledged. Nothing for a command
     * the terminal does not know.
     */
    default List<byte[]> answer(DeviceCommand command, Town.Device device, Instant now, double lat, double lon, int serial) {
        return List.of();
    }
}
