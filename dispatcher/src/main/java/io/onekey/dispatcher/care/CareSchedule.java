package io.onekey.dispatcher.care;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * Recurring care for one resident: a social worker's visit every Monday at 10:00, a caring call
 * every day at 9:00. Each occurrence becomes a service request of its own, filed in time to be
 * offered its type's lead before it.
 *
 * @param days   the days it recurs; empty for every day
 * @param window how long the wanted window of each occurrence is
 * @param zone   the zone of {@code at}
 */
public record CareSchedule(String id, String residentId, String typeId, Set<DayOfWeek> days, LocalTime at, Duration window,
                           ZoneId zone, String note) {

    public CareSchedule {
        if (id == null || !id.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("schedule.id must be 1-64 characters of letters, digits, '.', '_', ':' or '-'");
        }
        if (residentId == null || typeId == null || at == null) {
            throw new IllegalArgumentException("schedule.residentId, typeId and at are required");
        }
        days = days == null ? Set.of() : Set.copyOf(days);
        window = window == null ? Duration.ofHours(1) : window;
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("schedule.window must be a positive duration");
        }
        zone = zone == null ? ZoneId.of("UTC") : zone;
        note = note == null ? "" : note;
    }

    /** The first occurrence starting at or after {@code from}, within a week. */
    public Optional<Instant> nextFrom(Instant from) {
        LocalDate day = LocalDate.ofInstant(from, zone);
        for (int i = 0; i <= 7; i++) {
            LocalDate d = day.plusDays(i);
            Instant start = d.atTime(at).atZone(zone).toInstant();
            if ((days.isEmpty() || days.contains(d.getDayOfWeek())) && !start.isBefore(from)) {
                return Optional.of(start);
            }
        }
        return Optional.empty();
    }

    /** The request id of the occurrence starting then: one request per occurrence, however often it is looked at. */
    public String occurrenceId(Instant start) {
        return "S-" + id + "-" + LocalDate.ofInstant(start, zone).toString().replace("-", "");
    }
}
