package io.onekey.dispatcher.care;

import static io.onekey.dispatcher.care.CareCategory.COMPANIONSHIP;
import static io.onekey.dispatcher.care.CareCategory.DAILY_LIVING;
import static io.onekey.dispatcher.care.CareCategory.HEALTH;
import static io.onekey.dispatcher.care.CareCategory.PERSONAL_CARE;

import io.onekey.dispatcher.directory.ServiceType;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services residents can ask for: the configured catalogue, with the changes admins made
 * through the API over it (kept in the {@link CareStore}, so they outlive a restart).
 */
public final class CareCatalogue {

    private final Map<String, CareType> types = new ConcurrentHashMap<>();

    public CareCatalogue(Collection<CareType> configured) {
        configured.forEach(t -> types.put(t.id(), t));
    }

    /** The 5 categories and 13 types of the city platforms OneKey serves, with targets their contracts name. */
    public static List<CareType> defaults() {
        return List.of(
                type("emergency", "Emergency help", CareCategory.EMERGENCY, ServiceType.EMERGENCY, 5_000,
                        Duration.ofMinutes(15), Duration.ZERO, CareLane.EMERGENCY),
                type("meals", "Meal delivery", DAILY_LIVING, ServiceType.MEALS, 1_500,
                        Duration.ofMinutes(15), Duration.ofMinutes(45), CareLane.EVERYDAY),
                type("shopping", "Shopping", DAILY_LIVING, ServiceType.HOUSEKEEPING, 2_000,
                        Duration.ofMinutes(30), Duration.ofHours(2), CareLane.EVERYDAY),
                type("housekeeping", "Housekeeping", DAILY_LIVING, ServiceType.HOUSEKEEPING, 2_000,
                        Duration.ofMinutes(30), Duration.ofHours(2), CareLane.EVERYDAY),
                type("repairs", "Home repairs", DAILY_LIVING, ServiceType.REPAIRS, 3_000,
                        Duration.ofHours(2), Duration.ofHours(4), CareLane.EVERYDAY),
                type("bathing", "Bathing help", PERSONAL_CARE, ServiceType.PERSONAL_CARE, 2_000,
                        Duration.ofMinutes(30), Duration.ofHours(2), CareLane.EVERYDAY),
                type("haircut", "Haircut", PERSONAL_CARE, ServiceType.PERSONAL_CARE, 2_000,
                        Duration.ofMinutes(30), Duration.ofHours(2), CareLane.EVERYDAY),
                type("massage", "Massage", PERSONAL_CARE, ServiceType.PERSONAL_CARE, 2_000,
                        Duration.ofMinutes(30), Duration.ofHours(2), CareLane.EVERYDAY),
                // "Same day": a doctor may come any time in an 8-hour working day.
                type("doctor-visit", "Doctor's visit", HEALTH, ServiceType.DOCTOR, 5_000,
                        Duration.ofHours(8), Duration.ofHours(4), CareLane.EVERYDAY),
                type("nursing", "Nursing", HEALTH, ServiceType.NURSING, 3_000,
                        Duration.ofMinutes(30), Duration.ofHours(2), CareLane.EVERYDAY),
                type("rehabilitation", "Rehabilitation", HEALTH, ServiceType.NURSING, 3_000,
                        Duration.ofHours(1), Duration.ofHours(4), CareLane.EVERYDAY),
                type("visit", "Companion visit", COMPANIONSHIP, ServiceType.COMPANIONSHIP, 3_000,
                        Duration.ofHours(1), Duration.ofHours(24), CareLane.EVERYDAY),
                type("caring-call", "Caring call", COMPANIONSHIP, ServiceType.COMPANIONSHIP, 50_000,
                        Duration.ofMinutes(15), Duration.ofHours(1), CareLane.EVERYDAY));
    }

    private static CareType type(String id, String name, CareCategory category, ServiceType provider, double circle,
                                 Duration arrival, Duration lead, CareLane lane) {
        return new CareType(id, name, category, provider, circle, arrival, lead, lane);
    }

    public Optional<CareType> type(String id) {
        return Optional.ofNullable(id == null ? null : types.get(id));
    }

    /** Every type, by category then id. */
    public List<CareType> types() {
        return types.values().stream().sorted(Comparator.comparing(CareType::category).thenComparing(CareType::id)).toList();
    }

    public void put(CareType type) {
        types.put(type.id(), type);
    }

    public boolean remove(String id) {
        return types.remove(id) != null;
    }

    /** The types by category, for a menu. */
    public Map<CareCategory, List<CareType>> byCategory() {
        Map<CareCategory, List<CareType>> menu = new LinkedHashMap<>();
        for (CareType t : types()) {
            menu.computeIfAbsent(t.category(), c -> new java.util.ArrayList<>()).add(t);
        }
        return menu;
    }
}
