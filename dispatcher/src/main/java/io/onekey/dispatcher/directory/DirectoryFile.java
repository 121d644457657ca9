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
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml")
                ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return mapper.readValue(Files.readAllBytes(file), DirectoryContent.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("directory file " + file + ": at " + path(e) + ": " + rootMessage(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("directory file " + file + ": " + e.getMessage(), e);
        }
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
