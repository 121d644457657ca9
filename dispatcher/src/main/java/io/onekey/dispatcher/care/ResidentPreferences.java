package io.onekey.dispatcher.care;

import java.util.Set;

/** A resident's choices: providers and workers they do not want again. Routing honours them. */
public record ResidentPreferences(String residentId, Set<String> excludedProviders, Set<String> excludedWorkers) {

    public ResidentPreferences {
        excludedProviders = excludedProviders == null ? Set.of() : Set.copyOf(excludedProviders);
        excludedWorkers = excludedWorkers == null ? Set.of() : Set.copyOf(excludedWorkers);
    }

    public static ResidentPreferences none(String residentId) {
        return new ResidentPreferences(residentId, Set.of(), Set.of());
    }
}
