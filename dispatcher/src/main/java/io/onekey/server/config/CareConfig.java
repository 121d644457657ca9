package io.onekey.server.config;

import io.onekey.dispatcher.care.CareCatalogue;
import io.onekey.dispatcher.care.CareDesk;
import io.onekey.dispatcher.care.CareLane;
import io.onekey.dispatcher.care.CareType;
import io.onekey.dispatcher.care.WelfareWatch;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.error.ConfigException;
import io.onekey.dispatcher.notify.FamilyMail;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The care services: the catalogue (each default type's provider type, circle, arrival target,
 * offer lead and lane may be changed under {@code care.types.<id>.*}; admins add more through
 * the API), the request desk, caring for silence, family e-mail and the emergency-services hand-off.
 *
 * @param tickInterval      how often scheduled requests, offer expiries, silences and hand-offs are checked
 * @param familyRetryAfter  first wait before a relative's webhook or e-mail that failed is sent again
 */
public record CareConfig(
        List<CareType> catalogue,
        CareDesk.Settings desk,
        WelfareWatch.Settings welfare,
        Duration tickInterval,
        FamilyMail.Settings mail,
        Duration familyRetryAfter,
        HandOffConfig handOff) {

    public static CareConfig defaults() {
        return new CareConfig(CareCatalogue.defaults(), CareDesk.Settings.defaults(), WelfareWatch.Settings.defaults(),
                Duration.ofSeconds(15), FamilyMail.Settings.none(), Duration.ofSeconds(10), HandOffConfig.defaults());
    }

    static CareConfig load(Settings s) {
        CareConfig d = defaults();
        List<CareType> types = new ArrayList<>();
        for (CareType t : d.catalogue()) {
            String k = "care.types." + t.id() + ".";
            try {
                types.add(new CareType(t.id(), s.string(k + "name", t.name()), t.category(),
                    enumValue(s, k + "providerType", ServiceType.class, t.providerType()),
                    s.decimal(k + "circleMeters", t.circleMeters()),
                    s.duration(k + "arrivalTarget", t.arrivalTarget()),
                    s.duration(k + "offerLead", t.offerLead()),
                    enumValue(s, k + "lane", CareLane.class, t.lane())));
            } catch (ConfigException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                // "careType.circleMeters must be ..." names the field; the key names the type too.
                String field = e.getMessage().split(" ", 2)[0].replace("careType.", "");
                throw new ConfigException(k + field, e.getMessage().replace("careType." + field, k + field));
            }
        }
        CareDesk.Settings desk = d.desk();
        WelfareWatch.Settings w = d.welfare();
        FamilyMail.Settings m = d.mail();
        return new CareConfig(types,
                new CareDesk.Settings(
                        s.duration("care.offerTimeout", desk.offerTimeout()),
                        s.decimal("care.presenceMaxMeters", desk.presenceMaxMeters()),
                        s.duration("care.maxAhead", desk.maxAhead())),
                new WelfareWatch.Settings(
                        optionalDuration(s, "care.silenceAfter", w.silenceAfter()),
                        checkInBy(s, "care.checkInBy"),
                        zone(s, "care.zone", w.zone())),
                s.duration("care.tickInterval", d.tickInterval()),
                new FamilyMail.Settings(
                        Optional.ofNullable(s.string("care.mail.host", null)),
                        s.integer("care.mail.port", m.port()),
                        s.string("care.mail.from", m.from()),
                        Optional.ofNullable(s.string("care.mail.username", null)),
                        Optional.ofNullable(s.string("care.mail.password", null)),
                        s.bool("care.mail.startTls", m.startTls())),
                positive(s, "care.familyRetryAfter", d.familyRetryAfter()),
                HandOffConfig.load(s));
    }

    private static Duration positive(Settings s, String key, Duration fallback) {
        Duration value = s.duration(key, fallback);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(key, "must be a positive duration such as 10s");
        }
        return value;
    }

    private static <E extends Enum<E>> E enumValue(Settings s, String key, Class<E> type, E defaultValue) {
        String raw = s.string(key, null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "'" + raw + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A duration that {@code none} switches off. */
    static Optional<Duration> optionalDuration(Settings s, String key, Optional<Duration> defaultValue) {
        String raw = s.string(key, null);
        if (raw == null) {
            return defaultValue;
        }
        return raw.trim().equalsIgnoreCase("none") ? Optional.empty() : Optional.of(s.duration(key, Duration.ZERO));
    }

    private static Optional<LocalTime> checkInBy(Settings s, String key) {
        String raw = s.string(key, "none");
        if (raw.trim().equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(raw.trim()));
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, "must be a local time such as 10:00, or none, was '" + raw + "'");
        }
    }

    private static ZoneId zone(Settings s, String key, ZoneId defaultValue) {
        String raw = s.string(key, null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return ZoneId.of(raw.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(key, "must be a time zone such as Asia/Shanghai, was '" + raw + "'");
        }
    }
}
