package io.onekey.device.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a buffer leak during its tests. Checked once per class,
 * not per test: finding leaks takes garbage collections, and a leak is still pinned to the
 * class that made it. Registered for every test class of this module by extension
 * auto-detection (junit-platform.properties).
 */
public final class FailOnLeaks implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = LeakRecorder.collect();
        if (!leaks.isEmpty()) {
            fail("Netty reported " + leaks.size() + " buffer leak(s) during or before "
                    + context.getDisplayName() + ":\n" + String.join("\n", leaks));
        }
    }
}
