package io.onekey.simulator.terminal;

import io.onekey.simulator.town.Town;
import java.time.Instant;

/** How one protocol's terminal talks: the frames it sends, and the byte that ends each answer. */
interface Dialect {

    /** What the terminal sends first on a new connection (a GT06 login), or null. */
    byte[] hello(Town.Device device, int serial);

    byte[] heartbeat(Town.Device device, Instant now, int serial);

    /** An SOS press; {@code withFix} false sends no position, as a device indoors does. */
    byte[] sos(Town.Device device, Instant now, double lat, double lon, boolean withFix, int serial);

    /** The last byte of each answer, to count them. */
    byte answerEnd();
}
