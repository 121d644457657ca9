package io.onekey.dispatcher.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Location;
import java.util.Map;

/**
 * JSON bodies of the stored records, by Jackson: the records are written as they are (ISO
 * times, optionals as values or null), and read back through their canonical constructors,
 * so a stored record is validated like a new one.
 */
public final class Codec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Map<String, Class<? extends DeviceEvent>> EVENT_TYPES =
            Map.of("alarm", Alarm.class, "location", Location.class, "heartbeat", Heartbeat.class);

    private Codec() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot decode a stored " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** An event, with its kind: {@code {"type":"alarm","event":{...}}}. */
    public static String writeEvent(DeviceEvent event) {
        String type = event instanceof Alarm ? "alarm" : event instanceof Location ? "location" : "heartbeat";
        return "{\"type\":\"" + type + "\",\"event\":" + write(event) + "}";
    }

    public static DeviceEvent readEvent(String json) {
        try {
            var tree = MAPPER.readTree(json);
            Class<? extends DeviceEvent> type = EVENT_TYPES.get(tree.path("type").asText());
            if (type == null) {
                throw new IllegalStateException("a stored event of unknown type: " + tree.path("type"));
            }
            return MAPPER.treeToValue(tree.get("event"), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot decode a stored event: " + e.getOriginalMessage(), e);
        }
    }
}
