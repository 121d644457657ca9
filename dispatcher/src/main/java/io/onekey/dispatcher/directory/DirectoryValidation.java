package io.onekey.dispatcher.directory;

import java.util.regex.Pattern;

/** Field checks shared by the directory records; messages name the field and the reason. */
final class DirectoryValidation {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private DirectoryValidation() {
    }

    static void requireId(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1-64 characters of letters, digits, '.', '_', ':' or '-'");
        }
    }

    static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
