package io.onekey.crash;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A directory file for the terminals of {@link CrashTerminals}: one resident per terminal, and crews to offer to. */
final class ScaleOutTown {

    private ScaleOutTown() {
    }

    static Path write(Path file, int residents) throws IOException {
        JsonArray people = new JsonArray();
        JsonArray devices = new JsonArray();
        for (int n = 0; n < residents; n++) {
            String id = "R-" + n;
            people.add(new JsonObject().put("id", id).put("name", "Resident " + n).put("address", n + " Test Street")
                    .put("home", new JsonObject().put("lat", 30.27 + (n % 50) * 0.0005).put("lon", 120.15 + (n / 50 % 50) * 0.0005))
                    .put("medicalNotes", "").put("emergencyContacts", new JsonArray()));
            // A day between heartbeats: no terminal goes "offline" during the test.
            devices.add(new JsonObject().put("id", CrashTerminals.deviceId(n)).put("protocol", CrashTerminals.protocol(n))
                    .put("type", "HOME_TERMINAL").put("residentId", id).put("heartbeatIntervalSeconds", 86400));
        }
        JsonArray providers = new JsonArray();
        for (int p = 0; p < 3; p++) {
            providers.add(new JsonObject().put("id", "P-" + p).put("name", "Crew " + p)
                    .put("serviceTypes", new JsonArray().add("EMERGENCY"))
                    .put("base", new JsonObject().put("lat", 30.28 + p * 0.001).put("lon", 120.16))
                    .put("capacity", 100_000));
        }
        Files.writeString(file, new JsonObject().put("residents", people).put("devices", devices).put("providers", providers)
                .encodePrettily());
        return file;
    }
}
