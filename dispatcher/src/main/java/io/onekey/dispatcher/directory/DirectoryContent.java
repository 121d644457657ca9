package io.onekey.dispatcher.directory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The whole directory as a file holds it. References between entries are checked here. */
public record DirectoryContent(List<Resident> residents, List<Device> devices, List<Provider> providers) {

    public DirectoryContent {
        residents = residents == null ? List.of() : List.copyOf(residents);
        devices = devices == null ? List.of() : List.copyOf(devices);
        providers = providers == null ? List.of() : List.copyOf(providers);
        Set<String> residentIds = new HashSet<>();
        for (Resident resident : residents) {
            if (!residentIds.add(resident.id())) {
                throw new IllegalArgumentException("residents: id '" + resident.id() + "' appears twice");
            }
        }
        for (Device device : devices) {
            if (device.residentId() != null && !residentIds.contains(device.residentId())) {
                throw new IllegalArgumentException("devices: device '" + device.id() + "' names resident '"
                        + device.residentId() + "', which is not in residents");
            }
        }
    }

    public static DirectoryContent empty() {
        return new DirectoryContent(List.of(), List.of(), List.of());
    }
}
