package io.onekey.dispatcher.store.contract;

import static io.onekey.dispatcher.store.contract.AlertStoreContract.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.Location;
import io.onekey.device.event.Position;
import io.onekey.device.event.PositionSource;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.access.Principal;
import io.onekey.dispatcher.access.Role;
import io.onekey.dispatcher.access.TokenStore;
import io.onekey.dispatcher.device.DeviceState;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.DeviceType;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.eventlog.DedupMemory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the directory, token, device-state and dedup stores must do. */
public abstract class SmallStoresContract {

    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    protected abstract Directory directory();

    protected abstract TokenStore tokens();

    protected abstract DeviceStates deviceStates();

    protected abstract DedupMemory dedup();

    @Test
    void theDirectoryKeepsDevicesAndTellsOfEachChange() {
        Directory directory = directory();
        List<String> heard = new ArrayList<>();
        directory.listen((device, present) -> heard.add(device.id() + (present ? "+" : "-")));
        Device device = new Device("D1", Protocol.WATCH, DeviceType.WEARABLE, "R1", 60);
        directory.putDevice(device);
        assertEquals(Optional.of(device), directory.device(Protocol.WATCH, "D1"));
        assertEquals(Optional.empty(), directory.device(Protocol.GT06, "D1"));
        assertTrue(directory.removeDevice(Protocol.WATCH, "D1"));
        assertFalse(directory.removeDevice(Protocol.WATCH, "D1"));
        assertEquals(List.of("D1+", "D1-"), heard);
        assertFalse(directory.registerUnassigned(Protocol.GT06, "X9").assigned());
    }

    @Test
    void aResidentsDevicesAreFoundWithoutWalkingAllAndFollowAMoveOrARemoval() {
        Directory directory = directory();
        Device watch = new Device("D1", Protocol.WATCH, DeviceType.WEARABLE, "R1", 60);
        Device panel = new Device("D2", Protocol.DC09, DeviceType.HOME_TERMINAL, "R1", 3600);
        Device sameIdOtherProtocol = new Device("D2", Protocol.GT06, DeviceType.WEARABLE, "R2", 60);
        directory.putDevice(watch);
        directory.putDevice(panel);
        directory.putDevice(sameIdOtherProtocol);
        assertEquals(java.util.Set.of(watch, panel), java.util.Set.copyOf(directory.devicesOf("R1")));
        assertEquals(java.util.Set.of(panel, sameIdOtherProtocol), java.util.Set.copyOf(directory.devicesWithId("D2")));
        Device moved = new Device("D1", Protocol.WATCH, DeviceType.WEARABLE, "R2", 60);
        directory.putDevice(moved);
        assertEquals(List.of(panel), List.copyOf(directory.devicesOf("R1")));
        assertEquals(java.util.Set.of(moved, sameIdOtherProtocol), java.util.Set.copyOf(directory.devicesOf("R2")));
        assertTrue(directory.removeDevice(Protocol.DC09, "D2"));
        assertEquals(List.of(), List.copyOf(directory.devicesOf("R1")));
        assertEquals(List.of(), List.copyOf(directory.devicesOf("R-NOBODY")));
    }

    @Test
    void tokensAreFoundByHashAndRevokedByIdOrBySubject() {
        TokenStore tokens = tokens();
        done(tokens.put("h1", new Principal("T1", Role.OPERATOR, "alice"), T0));
        done(tokens.put("h2", new Principal("T2", Role.PROVIDER, "P7"), T0.plusSeconds(1)));
        done(tokens.put("h3", new Principal("T3", Role.PROVIDER, "P7"), T0.plusSeconds(2)));
        assertEquals("alice", tokens.byHash("h1").orElseThrow().subject());
        assertEquals(List.of("T1", "T2", "T3"), tokens.list().stream().map(e -> e.principal().tokenId()).toList());
        assertEquals(T0, tokens.list().get(0).createdAt());
        assertTrue(done(tokens.remove("T1")));
        assertFalse(done(tokens.remove("T1")));
        assertEquals(Optional.empty(), tokens.byHash("h1"));
        assertEquals(2, done(tokens.removeAll(Role.PROVIDER, "P7")));
        assertEquals(Optional.empty(), tokens.byHash("h2"));
    }

    @Test
    void deviceStateKeepsTheLatestSignAndTheNewestFix() {
        DeviceStates states = deviceStates();
        Position newer = new Position(30.1, 120.1, 10, T0.plusSeconds(50), PositionSource.GPS);
        Position older = new Position(30.2, 120.2, 10, T0.plusSeconds(10), PositionSource.GPS);
        states.apply(new Location("D1", Protocol.WATCH, T0.plusSeconds(60), Optional.empty(), "l1", newer));
        DeviceState after = states.apply(new Location("D1", Protocol.WATCH, T0.plusSeconds(30), Optional.empty(), "l2", older));
        assertEquals(T0.plusSeconds(60), after.lastSeen());
        assertEquals(Optional.of(newer), after.lastFix());
        assertEquals(Optional.of(after), states.get(Protocol.WATCH, "D1"));
        assertEquals(Optional.empty(), states.get(Protocol.GT06, "D1"));
    }

    @Test
    void aDedupKeyIsNewOnlyOnce() {
        DedupMemory dedup = dedup();
        assertTrue(dedup.firstTime("watch:D1:7"));
        assertFalse(dedup.firstTime("watch:D1:7"));
        assertTrue(dedup.firstTime("watch:D1:8"));
    }
}
