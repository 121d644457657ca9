package io.onekey.device.command;

/**
 * What became of a command. {@link #SENT} means written to the device's connection, not
 * carried out: the device's answer (a fresh position, say) arrives as an ordinary event.
 */
public enum CommandOutcome {
    SENT("sent to the device"),
    NOT_CONNECTED("the device is not connected"),
    NOT_SUPPORTED("its protocol has no such command");

    private final String words;

    CommandOutcome(String words) {
        this.words = words;
    }

    /** The outcome in words, for an alert's history. */
    public String words() {
        return words;
    }
}
