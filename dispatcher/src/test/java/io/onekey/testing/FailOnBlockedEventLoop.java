package io.onekey.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which an event loop was blocked (Vert.x warned). Registered for every
 * test by extension auto-detection.
 */
public final class FailOnBlockedEventLoop implements BeforeAllCallback, AfterEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        BlockedEventLoopWarnings.install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> warnings = BlockedEventLoopWarnings.drain();
        if (!warnings.isEmpty()) {
            fail("an event loop was blocked during " + context.getDisplayName() + ":\n" + String.join("\n", warnings));
        }
    }
}
