package io.onekey.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.AlarmKind;
import io.onekey.dispatcher.care.CareLane;
import io.onekey.dispatcher.care.CareType;
import io.onekey.dispatcher.error.ConfigException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The care settings: the default catalogue with per-type overrides, silence, hand-off; a bad value names its key. */
class CareConfigTest {

    private static CareType type(OneKeyConfig config, String id) {
        return config.care().catalogue().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theDefaultCatalogueHasThirteenTypesAndOneEmergencyLane() {
        OneKeyConfig config = OneKeyConfig.defaults();
        assertEquals(13, config.care().catalogue().size());
        assertEquals(Set.of("emergency"), Set.copyOf(config.care().catalogue().stream()
                .filter(t -> t.lane() == CareLane.EMERGENCY).map(CareType::id).toList()));
        assertEquals(Duration.ofMinutes(15), type(config, "meals").arrivalTarget());
        assertTrue(config.care().handOff().url().isEmpty(), "no 120 integration unless configured");
    }

    @Test
    void aTypesCircleTargetAndLeadComeFromSettings() {
        OneKeyConfig config = OneKeyConfig.load(null, Map.of("ONEKEY_CARE_TYPES_MEALS_CIRCLE_METERS", "2500"),
                Map.of("care.types.meals.arrivalTarget", "20m", "care.types.haircut.providerType", "housekeeping",
                        "care.checkInBy", "10:30", "care.silenceAfter", "none", "care.handOff.kinds", "FALL",
                        "care.handOff.url", "https://120.example/handoff", "care.handOff.secret", "0123456789abcdef"));
        assertEquals(2500, type(config, "meals").circleMeters());
        assertEquals(Duration.ofMinutes(20), type(config, "meals").arrivalTarget());
        assertEquals("HOUSEKEEPING", type(config, "haircut").providerType().name());
        assertEquals(Optional.of(LocalTime.of(10, 30)), config.care().welfare().checkInBy());
        assertEquals(Optional.empty(), config.care().welfare().silenceAfter());
        assertEquals(Set.of(AlarmKind.FALL), config.care().handOff().settings().kinds());
    }

    @Test
    void aBadCareSettingNamesItsKey() {
        assertEquals("care.checkInBy", assertThrows(ConfigException.class,
                () -> OneKeyConfig.load(null, Map.of(), Map.of("care.checkInBy", "ten"))).key());
        assertEquals("care.handOff.secret", assertThrows(ConfigException.class,
                () -> OneKeyConfig.load(null, Map.of(), Map.of("care.handOff.url", "https://120.example/x"))).key());
        assertEquals("care.types.meals.providerType", assertThrows(ConfigException.class,
                () -> OneKeyConfig.load(null, Map.of(), Map.of("care.types.meals.providerType", "chef"))).key());
        assertEquals("care.types.meals.circleMeters", assertThrows(ConfigException.class,
                () -> OneKeyConfig.load(null, Map.of(), Map.of("care.types.meals.circleMeters", "-1"))).key());
    }
}
