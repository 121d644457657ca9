package io.onekey.device.protocol.dc09;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Position;
import io.onekey.device.event.PositionSource;
import io.onekey.device.event.Protocol;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a DC-09 message into events: one alarm per event code (Contact ID or SIA), with the
 * X/Y position when sent; a NULL message, a report or a restore into a heartbeat.
 */
public final class Dc09EventMapper {

    /** Contact ID: qualifier (1 new, 3 restore, 6 still present), event code, group, zone. */
    private static final Pattern CONTACT_ID = Pattern.compile("([136])(\\d{3}) ?([0-9A-Fa-f]{2}) ?([0-9A-Fa-f]{3})");
    /** One SIA segment: lower-case modifiers (ri, id, ti, pi...), then a two-letter code and its number. */
    private static final Pattern SIA_SEGMENT = Pattern.compile("^(?:[a-z]{2}[0-9:]*)*([A-Z]{2})(\\w*)");
    private static final Pattern COORDINATE = Pattern.compile("(\\d{1,3})([NSEW])(\\d{1,2}(?:\\.\\d+)?)");
    /** A nominal accuracy for a panel-reported position; DC-09 carries none. */
    private static final double POSITION_ACCURACY_METERS = 50;

    private final Dc09CodeTable codes;

    public Dc09EventMapper(Dc09CodeTable codes) {
        this.codes = codes;
    }

    public List<DeviceEvent> map(Dc09Message m, Instant receivedAt) {
        String stamp = m.timestamp().map(Instant::toString).orElse(receivedAt.truncatedTo(ChronoUnit.MINUTES).toString());
        String keyBase = "DC09:" + m.account() + ":" + m.sequence() + ":" + stamp;
        if (m.token().equals("NULL")) {
            return List.of(heartbeat(m, receivedAt, keyBase));
        }
        List<Code> found = m.token().equals("ADM-CID") ? contactIdCodes(m) : siaCodes(m);
        Optional<Position> position = position(m, receivedAt);
        List<DeviceEvent> events = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            Code code = found.get(i);
            if (code.kind().isPresent()) {
                events.add(new Alarm(m.account(), Protocol.DC09, receivedAt, m.timestamp(), keyBase + ":" + i,
                        code.kind().get(), position, code.raw(), Optional.empty()));
            }
        }
        if (events.isEmpty()) {
            // Reports, restores, or data we cannot read at all: the panel is alive. Unreadable
            // data of an alarm token still raises an alarm, below.
            if (found.isEmpty() && !m.body().isBlank()) {
                return List.of(new Alarm(m.account(), Protocol.DC09, receivedAt, m.timestamp(), keyBase + ":0",
                        AlarmKind.OTHER, position, m.token() + ":" + m.body(), Optional.empty()));
            }
            return List.of(heartbeat(m, receivedAt, keyBase));
        }
        return events;
    }

    private record Code(Optional<AlarmKind> kind, String raw) {
    }

    private List<Code> contactIdCodes(Dc09Message m) {
        Matcher cid = CONTACT_ID.matcher(m.body());
        if (!cid.find()) {
            return List.of();
        }
        String qualifier = cid.group(1);
        String code = cid.group(2);
        String raw = "CID:" + qualifier + code + " " + cid.group(3) + " " + cid.group(4);
        // A restore (3) ends a condition; it raises nothing. New (1) and still present (6) raise.
        Optional<AlarmKind> kind = qualifier.equals("3") ? Optional.empty() : codes.contactId(m.account(), code);
        return List.of(new Code(kind, raw));
    }

    private List<Code> siaCodes(Dc09Message m) {
        String body = m.body().replaceAll("\\^[^^]*\\^", "");
        int text = body.indexOf("|A");
        if (text >= 0) {
            body = body.substring(0, text);
        }
        if (!body.startsWith("N") && !body.startsWith("O")) {
            return List.of();
        }
        List<Code> found = new ArrayList<>(1);
        for (String segment : body.substring(1).split("/")) {
            Matcher s = SIA_SEGMENT.matcher(segment);
            if (s.find()) {
                found.add(new Code(codes.sia(m.account(), s.group(1)), "SIA:" + s.group(1) + s.group(2)));
            }
        }
        return found;
    }

    private static Heartbeat heartbeat(Dc09Message m, Instant receivedAt, String key) {
        return new Heartbeat(m.account(), Protocol.DC09, receivedAt, m.timestamp(), key, OptionalInt.empty(), OptionalInt.empty());
    }

    /** {@code [X006E07.7777777][Y49N06.6666666]}: degrees, hemisphere, decimal minutes. */
    static Optional<Position> position(Dc09Message m, Instant receivedAt) {
        Optional<Double> lon = m.block('X').flatMap(Dc09EventMapper::coordinate);
        Optional<Double> lat = m.block('Y').flatMap(Dc09EventMapper::coordinate);
        if (lat.isEmpty() || lon.isEmpty() || Math.abs(lat.get()) > 90 || Math.abs(lon.get()) > 180) {
            return Optional.empty();
        }
        return Optional.of(new Position(lat.get(), lon.get(), POSITION_ACCURACY_METERS,
                m.timestamp().orElse(receivedAt), PositionSource.GPS));
    }

    private static Optional<Double> coordinate(String text) {
        Matcher c = COORDINATE.matcher(text);
        if (!c.matches()) {
            return Optional.empty();
        }
        double value = Integer.parseInt(c.group(1)) + Double.parseDouble(c.group(3)) / 60.0;
        return Optional.of(c.group(2).equals("S") || c.group(2).equals("W") ? -value : value);
    }
}
