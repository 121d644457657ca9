package io.onekey.dispatcher.directory;

import io.onekey.dispatcher.store.memory.InMemoryDirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryFileTest {

    @TempDir
    Path dir;

    @Test
    void readsResidentsDevicesAndProvidersFromYaml() throws Exception {
        Path file = Files.writeString(dir.resolve("town.yaml"), """
                residents:
                  - id: R1
                    name: Wang Fang
                    home: { lat: 30.27, lon: 120.15 }
                devices:
                  - { id: "123", protocol: WATCH, type: WEARABLE, residentId: R1, heartbeatIntervalSeconds: 60 }
                providers:
                  - { id: P1, name: Ambulance, serviceTypes: [EMERGENCY], base: { lat: 30.28, lon: 120.16 }, capacity: 2 }
                """);
        InMemoryDirectory directory = InMemoryDirectory.of(DirectoryFile.read(file));
        assertEquals("Wang Fang", directory.resident("R1").orElseThrow().name());
        assertEquals(DeviceType.WEARABLE, directory.device(Protocol.WATCH, "123").orElseThrow().type());
        assertEquals(ProviderStatus.AVAILABLE, directory.provider("P1").orElseThrow().status());
    }

    @Test
    void theExampleDirectoryInTheReadmeLoads() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("### The directory file");
        int start = readme.indexOf("```json\n", section) + "```json\n".length();
        Path file = Files.writeString(dir.resolve("readme.json"), readme.substring(start, readme.indexOf("```", start)));
        InMemoryDirectory directory = InMemoryDirectory.of(DirectoryFile.read(file));
        assertEquals("0123456789ABCDEF", directory.device(Protocol.DC09, "7788").orElseThrow().dc09Key());
        assertEquals(1, directory.resident("R1").orElseThrow().geofences().size());
        assertTrue(directory.provider("P-NEAR").orElseThrow().webhookUrl().startsWith("https://"));
    }

    @Test
    void anInvalidFieldIsNamedWithItsPath() throws Exception {
        Path file = Files.writeString(dir.resolve("town.json"), """
                {"residents": [{"id": "R1", "name": "A", "home": {"lat": 95, "lon": 0}}]}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DirectoryFile.read(file));
        assertTrue(e.getMessage().contains("residents[0]"), e.getMessage());
        assertTrue(e.getMessage().contains("lat must be within -90..90"), e.getMessage());
    }

    @Test
    void aDeviceOfAnUnknownResidentIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("town.json"), """
                {"devices": [{"id": "1", "protocol": "WATCH", "residentId": "R9"}]}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DirectoryFile.read(file));
        assertTrue(e.getMessage().contains("names resident 'R9', which is not in residents"), e.getMessage());
    }

    @Test
    void anUnknownFieldIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("town.json"), """
                {"providers": [{"id": "P1", "name": "A", "serviceTypes": ["EMERGENCY"], "base": {"lat": 1, "lon": 1}, "capacty": 2}]}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DirectoryFile.read(file));
        assertTrue(e.getMessage().contains("capacty"), e.getMessage());
    }
}
