package io.onekey.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects Vert.x's blocked-thread warnings. It attaches itself to Vert.x's checker logger when
 * first used, so the guard holds whatever logging configuration the test class path brings.
 */
public final class BlockedEventLoopWarnings extends AppenderBase<ILoggingEvent> {

    private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();
    private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";
    private static volatile boolean installed;

    /** Attaches a collector to the checker's logger, once. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Logger checker = context.getLogger(CHECKER);
            checker.setLevel(Level.WARN);
            BlockedEventLoopWarnings appender = new BlockedEventLoopWarnings();
            appender.setContext(context);
            appender.setName("blocked-event-loops");
            appender.start();
            checker.addAppender(appender);
        }
        installed = true;
    }

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
