package io.onekey.dispatcher.directory;

import io.onekey.dispatcher.geo.GeoPoint;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Set;

/**
 * A service provider that can be offered alerts.
 *
 * @param base          where the provider starts from (station, office)
 * @param capacity      how many accepted jobs it can run at once
 * @param webhookUrl    where its own system wants offers POSTed, or null
 * @param webhookSecret the key that signs them (16 characters or more); never logged or shown
 */
public record Provider(
        String id,
        String name,
        Set<ServiceType> serviceTypes,
        GeoPoint base,
        int capacity,
        ProviderStatus status,
        String webhookUrl,
        String webhookSecret) {

    public Provider {
        DirectoryValidation.requireId("provider.id", id);
        DirectoryValidation.requireText("provider.name", name);
        Objects.requireNonNull(base, "provider.base is required");
        if (serviceTypes == null || serviceTypes.isEmpty()) {
            throw new IllegalArgumentException("provider.serviceTypes must name at least one service type");
        }
        serviceTypes = Set.copyOf(serviceTypes);
        if (capacity < 0) {
            throw new IllegalArgumentException("provider.capacity must be 1 or more (leave it out for 1)");
        }
        capacity = capacity == 0 ? 1 : capacity;
        status = status == null ? ProviderStatus.AVAILABLE : status;
        if (webhookUrl != null) {
            if (!validWebhookUrl(webhookUrl)) {
                throw new IllegalArgumentException("provider.webhookUrl must be an http:// or https:// URL with a host");
            }
            if (webhookSecret == null || webhookSecret.length() < 16) {
                throw new IllegalArgumentException("provider.webhookSecret of 16 characters or more is required with a webhookUrl");
            }
        }
    }

    private static boolean validWebhookUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.toURL() != null;
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            return false;
        }
    }

    public Provider(String id, String name, Set<ServiceType> serviceTypes, GeoPoint base, int capacity, ProviderStatus status) {
        this(id, name, serviceTypes, base, capacity, status, null, null);
    }

    /** The secret stays out of logs and error messages. */
    @Override
    public String toString() {
        return "Provider[id=" + id + ", name=" + name + ", serviceTypes=" + serviceTypes + ", base=" + base
                + ", capacity=" + capacity + ", status=" + status + ", webhookUrl=" + webhookUrl
                + ", webhookSecret=" + (webhookSecret == null ? "none" : "***") + "]";
    }

    public boolean offers(ServiceType type) {
        return serviceTypes.contains(type);
    }
}
