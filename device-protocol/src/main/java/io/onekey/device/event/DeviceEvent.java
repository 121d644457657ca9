package io.onekey.device.event;

import java.time.Instant;
import java.util.Optional;

/**
 * What a terminal told us, normalized across protocols. Every event is immutable and carries
 * enough to be stored, deduplicated and routed without looking at the wire again.
 */
public sealed interface DeviceEvent permits Alarm, Location, Heartbeat {

    /** The device's identity as the protocol names it (IMEI, watch id, DC-09 account). */
    String deviceId();

    Protocol protocol();

    /** When the server received the frame, by the server's clock. */
    Instant receivedAt();

    /** When the device says the event happened, if it said. */
    Optional<Instant> deviceTime();

    /**
     * Identifies a retransmission of the same report: protocol + device + the device's own
     * sequence, serial number or timestamp. Two events with one key are one event.
     */
    String dedupKey();
}
