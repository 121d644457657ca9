package io.onekey.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects Vert.x's blocked-thread warnings (wired to its logger in logback-test.xml). */
public final class BlockedEventLoopWarnings extends AppenderBase<ILoggingEvent> {

    private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        WARNINGS.add(event.getFormattedMessage());
    }

    /** The warnings seen so far, forgotten once read. */
    public static List<String> drain() {
        List<String> seen = new ArrayList<>(WARNINGS);
        WARNINGS.removeAll(seen);
        return seen;
    }
}
