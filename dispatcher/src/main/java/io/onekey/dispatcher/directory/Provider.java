package io.onekey.dispatcher.directory;

import io.onekey.dispatcher.routing.GeoPoint;
import java.util.Objects;
import java.util.Set;

/**
 * A service provider that can be offered alerts.
 *
 * @param base     where the provider starts from (station, office)
 * @param capacity how many accepted jobs it can run at once
 */
public record Provider(
        String id,
        String name,
        Set<ServiceType> serviceTypes,
        GeoPoint base,
        int capacity,
        ProviderStatus status) {

    public Provider {
        DirectoryValidation.requireId("provider.id", id);
        DirectoryValidation.requireText("provider.name", name);
        Objects.requireNonNull(base, "provider.base is required");
        if (serviceTypes == null || serviceTypes.isEmpty()) {
            throw new IllegalArgumentException("provider.serviceTypes must name at least one service type");
        }
        serviceTypes = Set.copyOf(serviceTypes);
        capacity = capacity <= 0 ? 1 : capacity;
        status = status == null ? ProviderStatus.AVAILABLE : status;
    }

    public boolean offers(ServiceType type) {
        return serviceTypes.contains(type);
    }
}
