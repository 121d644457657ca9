package io.onekey.device.protocol.dc09;

import io.onekey.device.event.AlarmKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps Contact ID and SIA event codes to alarm kinds. A code mapped to nothing is a report
 * (opening, closing, a restore) that only proves the panel alive. A code we do not know
 * becomes {@link AlarmKind#OTHER} with the raw code: never dropped.
 *
 * <p>Vendors reuse codes (one sends Contact ID 102 for a fall), so overrides map a code to a
 * kind for all accounts or for the accounts starting with a prefix. Written as
 * {@code CODE=KIND[@ACCOUNT_PREFIX]} separated by commas, e.g. {@code 102=FALL@77,SIA:QA=SOS}.
 */
public final class Dc09CodeTable {

    private static final Map<String, AlarmKind> CONTACT_ID = Map.ofEntries(
            Map.entry("100", AlarmKind.MEDICAL),
            Map.entry("101", AlarmKind.SOS),
            Map.entry("102", AlarmKind.OTHER),
            Map.entry("110", AlarmKind.FIRE),
            Map.entry("111", AlarmKind.FIRE),
            Map.entry("120", AlarmKind.PANIC),
            Map.entry("121", AlarmKind.PANIC),
            Map.entry("122", AlarmKind.PANIC),
            Map.entry("137", AlarmKind.TAMPER),
            Map.entry("144", AlarmKind.TAMPER),
            Map.entry("145", AlarmKind.TAMPER),
            Map.entry("301", AlarmKind.POWER_LOSS),
            Map.entry("302", AlarmKind.LOW_BATTERY),
            Map.entry("384", AlarmKind.LOW_BATTERY),
            Map.entry("383", AlarmKind.TAMPER),
            Map.entry("406", AlarmKind.CANCEL),
            Map.entry("602", AlarmKind.TEST),
            Map.entry("603", AlarmKind.TEST));

    /** Contact ID codes that report, not alarm: openings and closings. */
    private static final Set<String> CONTACT_ID_REPORTS = Set.of("400", "401", "402", "403", "407", "408", "409");

    private static final Map<String, AlarmKind> SIA = Map.ofEntries(
            Map.entry("MA", AlarmKind.MEDICAL),
            Map.entry("QA", AlarmKind.SOS),
            Map.entry("PA", AlarmKind.PANIC),
            Map.entry("HA", AlarmKind.PANIC),
            Map.entry("FA", AlarmKind.FIRE),
            Map.entry("KA", AlarmKind.FIRE),
            Map.entry("AT", AlarmKind.POWER_LOSS),
            Map.entry("YT", AlarmKind.LOW_BATTERY),
            Map.entry("XT", AlarmKind.LOW_BATTERY),
            Map.entry("TA", AlarmKind.TAMPER),
            Map.entry("RP", AlarmKind.TEST),
            Map.entry("RX", AlarmKind.TEST));

    /** SIA reports and restores: the panel is alive, nothing to raise. */
    private static final Set<String> SIA_REPORTS = Set.of("OP", "CL", "OA", "CA", "OR", "CR", "OG", "CG",
            "MH", "MR", "QH", "QR", "PH", "PR", "HH", "HR", "FH", "FR", "KH", "KR", "AR", "YR", "XR", "TR", "BR", "BH",
            "WH", "WR", "GH", "GR", "RR");

    private record Override(String code, AlarmKind kind, String accountPrefix) {
    }

    private final List<Override> overrides;

    private Dc09CodeTable(List<Override> overrides) {
        this.overrides = List.copyOf(overrides);
    }

    public static Dc09CodeTable defaults() {
        return new Dc09CodeTable(List.of());
    }

    /** Parses {@code CODE=KIND[@ACCOUNT_PREFIX],...}; SIA codes are written {@code SIA:QA}. */
    public static Dc09CodeTable withOverrides(String spec) {
        List<Override> overrides = new ArrayList<>();
        if (spec != null && !spec.isBlank()) {
            for (String entry : spec.split(",")) {
                String e = entry.trim();
                int eq = e.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("gateway.dc09.codeOverrides: '" + e + "' is not CODE=KIND[@ACCOUNT_PREFIX]");
                }
                String code = e.substring(0, eq).trim();
                String rest = e.substring(eq + 1).trim();
                int at = rest.indexOf('@');
                String kindName = (at < 0 ? rest : rest.substring(0, at)).trim().toUpperCase(Locale.ROOT);
                String prefix = at < 0 ? "" : rest.substring(at + 1).trim();
                try {
                    overrides.add(new Override(code, AlarmKind.valueOf(kindName), prefix));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("gateway.dc09.codeOverrides: '" + kindName + "' is not an alarm kind");
                }
            }
        }
        return new Dc09CodeTable(overrides);
    }

    /** The kind for a Contact ID event code (three digits), empty for a report. */
    public Optional<AlarmKind> contactId(String account, String code) {
        Optional<AlarmKind> override = override(account, code);
        if (override.isPresent()) {
            return override;
        }
        if (CONTACT_ID_REPORTS.contains(code)) {
            return Optional.empty();
        }
        return Optional.of(CONTACT_ID.getOrDefault(code, AlarmKind.OTHER));
    }

    /** The kind for a SIA two-letter code, empty for a report or restore. */
    public Optional<AlarmKind> sia(String account, String code) {
        Optional<AlarmKind> override = override(account, "SIA:" + code);
        if (override.isPresent()) {
            return override;
        }
        if (SIA_REPORTS.contains(code)) {
            return Optional.empty();
        }
        return Optional.of(SIA.getOrDefault(code, AlarmKind.OTHER));
    }

    private Optional<AlarmKind> override(String account, String code) {
        return overrides.stream()
                .filter(o -> o.code().equals(code) && account.startsWith(o.accountPrefix()))
                .map(Override::kind)
                .findFirst();
    }
}
