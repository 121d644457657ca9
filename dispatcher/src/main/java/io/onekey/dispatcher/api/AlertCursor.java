package io.onekey.dispatcher.api;

import io.onekey.dispatcher.alert.AlertQuery;
import io.onekey.dispatcher.alert.Priority;
import io.onekey.dispatcher.error.DispatchException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The {@code cursor} of the alert list: the place of the last alert of a page, so that the next
 * page starts after that alert however many alerts arrived in front of it meanwhile. (A count of
 * alerts to skip, which it was, moved under a client paging while alarms came in: an alert
 * turned up on two pages and another on none.) Opaque to clients: base64url of
 * {@code o|P1|<received>|<id>} or {@code c|<closed>|<id>}.
 */
final class AlertCursor {

    private static final int MAX_LENGTH = 512;

    private AlertCursor() {
    }

    static String encode(AlertQuery.Position p) {
        String text = p.closed() ? "c|" + p.at() + "|" + p.id() : "o|" + p.priority().name() + "|" + p.at() + "|" + p.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The place a cursor names; a 400 for anything this server did not give out. */
    static AlertQuery.Position decode(String cursor) {
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|", text.startsWith("c|") ? 3 : 4);
            if (parts[0].equals("c") && parts.length == 3 && !parts[2].isEmpty()) {
                return new AlertQuery.Position(true, null, Instant.parse(parts[1]), parts[2]);
            }
            if (parts[0].equals("o") && parts.length == 4 && !parts[3].isEmpty()) {
                return new AlertQuery.Position(false, Priority.valueOf(parts[1]), Instant.parse(parts[2]), parts[3]);
            }
            throw new IllegalArgumentException("not a cursor");
        } catch (RuntimeException e) {
            throw DispatchException.badRequest("cursor is not one this server gave out");
        }
    }
}
