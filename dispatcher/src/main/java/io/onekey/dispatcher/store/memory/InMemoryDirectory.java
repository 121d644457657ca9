package io.onekey.dispatcher.store.memory;

import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.DirectoryContent;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.Resident;

import io.onekey.device.event.Protocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The embedded directory: concurrent maps, safe to read from any thread. */
public final class InMemoryDirectory implements Directory {

    private final ConcurrentMap<String, Resident> residents = new ConcurrentHashMap<>();
    private final ConcurrentMap<DeviceKey, Device> devices = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Provider> providers = new ConcurrentHashMap<>();
    /** Each resident's devices. A stale entry (a device moved meanwhile) is possible under racing writers: reads check it. */
    private final ConcurrentMap<String, Set<DeviceKey>> byResident = new ConcurrentHashMap<>();
    private final List<DeviceListener> deviceListeners = new CopyOnWriteArrayList<>();

    private record DeviceKey(Protocol protocol, String id) {
    }

    public static InMemoryDirectory of(DirectoryContent content) {
        InMemoryDirectory directory = new InMemoryDirectory();
        content.residents().forEach(directory::putResident);
        content.devices().forEach(directory::putDevice);
        content.providers().forEach(directory::putProvider);
        return directory;
    }

    @Override
    public Optional<Resident> resident(String id) {
        return Optional.ofNullable(id == null ? null : residents.get(id));
    }

    @Override
    public Optional<Device> device(Protocol protocol, String id) {
        return Optional.ofNullable(devices.get(new DeviceKey(protocol, id)));
    }

    @Override
    public Optional<Provider> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    @Override
    public Collection<Provider> providers() {
        return Collections.unmodifiableCollection(providers.values());
    }

    @Override
    public Collection<Device> devices() {
        return Collections.unmodifiableCollection(devices.values());
    }

    @Override
    public Collection<Device> devicesOf(String residentId) {
        Set<DeviceKey> keys = byResident.get(residentId);
        if (keys == null) {
            return List.of();
        }
        List<Device> found = new ArrayList<>(keys.size());
        for (DeviceKey key : keys) {
            Device d = devices.get(key);
            if (d != null && residentId.equals(d.residentId())) {
                found.add(d);
            }
        }
        return found;
    }

    @Override
    public Collection<Resident> residents() {
        return Collections.unmodifiableCollection(residents.values());
    }

    @Override
    public void listen(DeviceListener listener) {
        deviceListeners.add(listener);
    }

    @Override
    public Device registerUnassigned(Protocol protocol, String id) {
        return devices.computeIfAbsent(new DeviceKey(protocol, id), key -> Device.unassigned(protocol, id));
    }

    @Override
    public void putResident(Resident resident) {
        residents.put(resident.id(), resident);
    }

    @Override
    public void putDevice(Device device) {
        DeviceKey key = new DeviceKey(device.protocol(), device.id());
        Device before = devices.put(key, device);
        if (before != null && before.residentId() != null && !before.residentId().equals(device.residentId())) {
            unindex(before.residentId(), key);
        }
        if (device.residentId() != null) {
            // Inside compute, so that a concurrent unindex cannot drop the set this key goes into.
            byResident.compute(device.residentId(), (r, keys) -> {
                Set<DeviceKey> set = keys != null ? keys : ConcurrentHashMap.newKeySet();
                set.add(key);
                return set;
            });
        }
        deviceListeners.forEach(l -> l.deviceChanged(device, true));
    }

    @Override
    public void putProvider(Provider provider) {
        providers.put(provider.id(), provider);
    }

    @Override
    public boolean removeResident(String id) {
        return residents.remove(id) != null;
    }

    @Override
    public boolean removeDevice(Protocol protocol, String id) {
        DeviceKey key = new DeviceKey(protocol, id);
        Device removed = devices.remove(key);
        if (removed != null && removed.residentId() != null) {
            unindex(removed.residentId(), key);
        }
        if (removed != null) {
            deviceListeners.forEach(l -> l.deviceChanged(removed, false));
        }
        return removed != null;
    }

    @Override
    public boolean removeProvider(String id) {
        return providers.remove(id) != null;
    }

    private void unindex(String residentId, DeviceKey key) {
        byResident.computeIfPresent(residentId, (r, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
        });
    }
}
