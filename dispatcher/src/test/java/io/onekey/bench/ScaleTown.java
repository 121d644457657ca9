package io.onekey.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The directory of the benchmarks: one resident per terminal of {@link ScaleTerminals} (resident
 * {@code R-n} wears watch {@code 93nnnnnnnn}, or has the n-th terminal of another protocol when
 * the terminals take turns over several), homes spread over about 2 km × 2 km,
 * and a few emergency crews in the middle with room for every alert of the run.
 */
final class ScaleTown {

    static final String RESIDENT_PREFIX = "R-";
    /**
     * Longer than the terminals' 60 s: the directory's interval drives offline supervision, and a
     * terminal still waiting for its turn to connect (100,000 take a few minutes) must not be
     * raised as offline in the middle of the measurement.
     */
    static final int HEARTBEAT_INTERVAL_SECONDS = 1_800;

    private ScaleTown() {
    }

    static void write(Path file, int residents, int providers) throws IOException {
        write(file, residents, providers, List.of("WATCH"));
    }

    /** Terminal n speaks {@code protocols[n mod their number]}, as {@link ScaleTerminals.Gateways} assigns them. */
    static void write(Path file, int residents, int providers, List<String> protocols) throws IOException {
        JsonArray people = new JsonArray();
        JsonArray devices = new JsonArray();
        for (int n = 0; n < residents; n++) {
            String protocol = protocols.get(n % protocols.size());
            people.add(resident(RESIDENT_PREFIX + n, n));
            devices.add(device(ScaleTerminals.deviceId(protocol, n), RESIDENT_PREFIX + n, HEARTBEAT_INTERVAL_SECONDS)
                    .put("protocol", protocol).put("type", protocol.equals("DC09") ? "HOME_TERMINAL" : "WEARABLE"));
        }
        JsonArray crews = new JsonArray();
        for (int p = 0; p < providers; p++) {
            crews.add(new JsonObject().put("id", ScaleBenchmark.PROVIDER_PREFIX + p).put("name", "Crew " + p)
                    .put("serviceTypes", new JsonArray().add("EMERGENCY"))
                    .put("base", new JsonObject().put("lat", 30.28 + (p % 2) * 0.004).put("lon", 120.16 + (p / 2) * 0.004))
                    .put("capacity", 10_000_000));
        }
        Files.writeString(file, new JsonObject().put("residents", people).put("devices", devices).put("providers", crews).encode());
    }

    static JsonObject resident(String id, int n) {
        return new JsonObject().put("id", id).put("name", "Resident " + n).put("address", n + " Test Street")
                .put("home", new JsonObject().put("lat", 30.27 + (n % 100) * 0.0002).put("lon", 120.15 + (n / 100 % 100) * 0.0002))
                .put("medicalNotes", "").put("emergencyContacts", new JsonArray());
    }

    static JsonObject device(String id, String residentId, int heartbeatIntervalSeconds) {
        return new JsonObject().put("id", id).put("protocol", "WATCH").put("type", "WEARABLE").put("residentId", residentId)
                .put("heartbeatIntervalSeconds", heartbeatIntervalSeconds);
    }
}
