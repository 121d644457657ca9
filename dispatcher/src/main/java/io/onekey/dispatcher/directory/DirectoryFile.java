package io.onekey.dispatcher.directory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads a directory file: JSON, or YAML when the name ends in {@code .yaml}/{@code .yml}.
 * Errors name the file, the path of the bad field and the reason.
 */
public final class DirectoryFile {

    private DirectoryFile() {
    }

    public static DirectoryContent read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = strict(name.endsWith(".yaml") || name.endsWith(".yml")
                ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper());
        try {
            return mapper.readValue(Files.readAllBytes(file), DirectoryContent.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("directory file " + file + ": " + describe(e), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("directory file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("directory file " + file + " cannot be read: " + e, e);
        }
    }

    /** Refuses unknown fields, so that a typo is an error and not a silently missing value. */
    public static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** "at residents[0].home: lat must be within -90..90": the field and the reason. */
    public static String describe(JsonMappingException e) {
        return "at " + path(e) + ": " + rootMessage(e);
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "(top level)" : path.replace(".[", "[");
    }

    /**
     * What was wrong, in the caller's terms: never a Java class, a library name or one of its
     * settings (those mean nothing to whoever sent the document, and tell an attacker too much).
     */
    private static String rootMessage(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field \"" + unknown.getPropertyName() + "\"";
        }
        if (e instanceof MismatchedInputException mismatch && !(e instanceof ValueInstantiationException)) {
            return "expected " + expected(mismatch.getTargetType());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JsonMappingException jm ? jm.getOriginalMessage() : root.getMessage();
        if (message == null || message.contains("`") || message.matches("(?s).*\\b(io\\.onekey|java|javax|com\\.fasterxml)\\..*")) {
            return "invalid value";
        }
        return message;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
