package io.onekey.dispatcher.directory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
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

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JsonMappingException jm ? jm.getOriginalMessage() : root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
