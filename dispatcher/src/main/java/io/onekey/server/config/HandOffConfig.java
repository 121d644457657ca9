package io.onekey.server.config;

import io.onekey.device.event.AlarmKind;
import io.onekey.dispatcher.care.EmergencyHandOff;
import io.onekey.dispatcher.error.ConfigException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The emergency-services (120) integration.
 *
 * @param url    where hand-offs are POSTed, signed; empty: no integration
 * @param secret the HMAC key of the signature (16 characters or more)
 */
public record HandOffConfig(EmergencyHandOff.Settings settings, Optional<String> url, Optional<String> secret) {

    public static HandOffConfig defaults() {
        return new HandOffConfig(EmergencyHandOff.Settings.defaults(), Optional.empty(), Optional.empty());
    }

    static HandOffConfig load(Settings s) {
        EmergencyHandOff.Settings d = EmergencyHandOff.Settings.defaults();
        Set<AlarmKind> kinds = EnumSet.noneOf(AlarmKind.class);
        String spec = s.string("care.handOff.kinds", "FALL,MEDICAL,SOS");
        for (String name : spec.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                kinds.add(AlarmKind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("care.handOff.kinds", "'" + name.trim() + "' is not an alarm kind");
            }
        }
        Optional<String> url = Optional.ofNullable(s.string("care.handOff.url", null));
        Optional<String> secret = Optional.ofNullable(s.string("care.handOff.secret", null));
        if (url.isPresent() && !url.get().matches("https?://[^\\s/]+.*")) {
            throw new ConfigException("care.handOff.url", "must be an http:// or https:// URL");
        }
        if (url.isPresent() && secret.map(String::length).orElse(0) < 16) {
            throw new ConfigException("care.handOff.secret", "of 16 characters or more is required with care.handOff.url");
        }
        java.time.Duration retryAfter = s.duration("care.handOff.retryAfter", d.retryAfter());
        if (retryAfter.isZero() || retryAfter.isNegative()) {
            throw new ConfigException("care.handOff.retryAfter", "must be a positive duration such as 30s");
        }
        return new HandOffConfig(new EmergencyHandOff.Settings(kinds,
                CareConfig.optionalDuration(s, "care.handOff.after", d.after()), retryAfter), url, secret);
    }
}
