package io.onekey.dispatcher.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onekey.dispatcher.directory.DirectoryFile;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.geo.GeoPoint;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading request bodies; every problem becomes a 400 that names the field. */
final class Bodies {

    private static final ObjectMapper MAPPER = DirectoryFile.strict(new ObjectMapper());

    private Bodies() {
    }

    /** The body as a JSON object; an empty body reads as {}. */
    static JsonObject object(RoutingContext ctx) {
        String text = ctx.body().asString();
        if (text == null || text.isBlank()) {
            return new JsonObject();
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw DispatchException.badRequest("the body is not a JSON object");
        }
    }

    static <T> T as(RoutingContext ctx, Class<T> type) {
        String text = ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw DispatchException.badRequest("a JSON body is required");
        }
        return as(text, type);
    }

    static <T> T as(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonMappingException e) {
            throw DispatchException.badRequest(DirectoryFile.describe(e));
        } catch (JsonProcessingException e) {
            throw DispatchException.badRequest("the body is not valid JSON (at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    static String requiredText(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            throw DispatchException.badRequest(field + " is required");
        }
        if (!(value instanceof String text)) {
            throw DispatchException.badRequest(field + " must be a string");
        }
        if (text.isBlank()) {
            throw DispatchException.badRequest(field + " must not be blank");
        }
        return text;
    }

    /** A reported position, or null when the caller has none (no lat and no lon). */
    static GeoPoint optionalPoint(JsonObject body) {
        return body.getValue("lat") == null && body.getValue("lon") == null ? null : point(body);
    }

    static GeoPoint point(JsonObject body) {
        Object lat = body.getValue("lat");
        Object lon = body.getValue("lon");
        if (!(lat instanceof Number) || !(lon instanceof Number)) {
            throw DispatchException.badRequest("lat and lon are required numbers");
        }
        try {
            return new GeoPoint(((Number) lat).doubleValue(), ((Number) lon).doubleValue());
        } catch (IllegalArgumentException e) {
            throw DispatchException.badRequest(e.getMessage());
        }
    }
}
