package io.onekey.dispatcher.store.memory;

import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.DirectoryContent;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.Resident;

import io.onekey.device.event.Protocol;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The embedded directory: concurrent maps, safe to read from any thread. */
public final class InMemoryDirectory implements Directory {

    private final ConcurrentMap<String, Resident> residents = new ConcurrentHashMap<>();
    private final ConcurrentMap<DeviceKey, Device> devices = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Provider> providers = new ConcurrentHashMap<>();
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
        devices.put(new DeviceKey(device.protocol(), device.id()), device);
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
        Device removed = devices.remove(new DeviceKey(protocol, id));
        if (removed != null) {
            deviceListeners.forEach(l -> l.deviceChanged(removed, false));
        }
        return removed != null;
    }

    @Override
    public boolean removeProvider(String id) {
        return providers.remove(id) != null;
    }
}
