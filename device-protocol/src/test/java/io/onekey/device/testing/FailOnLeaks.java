package io.onekey.device.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reported a buffer leak during or before it. Registered for every
 * test of this module by extension auto-detection (junit-platform.properties).
 */
public final class FailOnLeaks implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> leaks = LeakRecorder.collect();
        if (!leaks.isEmpty()) {
            fail("Netty reported " + leaks.size() + " buffer leak(s) during or before "
                    + context.getDisplayName() + ":\n" + String.join("\n", leaks));
        }
    }
}
