package io.onekey.device.protocol.watch;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The content keywords the gateway acts on; everything else is {@link #OTHER}, counted and ignored. */
public enum WatchCommand {
    LK("LK"),
    UD("UD"),
    UD2("UD2"),
    UD_LTE("UD_LTE"),
    UD_WCDMA("UD_WCDMA"),
    UD3("UD3"),
    WT("WT"),
    AL("AL"),
    AL_LTE("AL_LTE"),
    ALCUSTOMER1("ALCUSTOMER1"),
    ALCUSTOMER2("ALCUSTOMER2"),
    TKQ("TKQ"),
    TKQ2("TKQ2"),
    INIT("INIT"),
    JXTK("JXTK"),
    /** The device's acknowledgement of a locate-now command; the fresh position follows as a UD. */
    CR("CR"),
    /** The device's acknowledgement of a ring command. */
    FIND("FIND"),
    OTHER("");

    private static final Map<String, WatchCommand> BY_KEYWORD = Stream.of(values())
            .filter(c -> c != OTHER)
            .collect(Collectors.toUnmodifiableMap(c -> c.keyword, Function.identity()));

    private final String keyword;

    WatchCommand(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static WatchCommand of(String keyword) {
        return BY_KEYWORD.getOrDefault(keyword, OTHER);
    }

    public boolean isPosition() {
        return this == UD || this == UD2 || this == UD3 || this == UD_LTE || this == UD_WCDMA || this == WT;
    }

    /** An acknowledgement of a command the server sent: known, never answered, carries nothing. */
    public boolean isCommandAcknowledgement() {
        return this == CR || this == FIND;
    }

    public boolean isAlarm() {
        return this == AL || this == AL_LTE || this == ALCUSTOMER1 || this == ALCUSTOMER2;
    }
}
