package io.onekey.device.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Records every buffer leak Netty's detector reports, so that a test can fail on it. Installed
 * when the test run starts (before any buffer class loads), with detection at PARANOID: every
 * buffer is tracked.
 */
public final class LeakRecorder implements LauncherSessionListener {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install();
    }

    public static synchronized void install() {
        if (!"PARANOID".equalsIgnoreCase(System.getProperty("io.netty.leakDetection.level", "PARANOID"))) {
            return; // a benchmark run that asked for no leak tracking (it records every buffer's allocation)
        }
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
                return new ResourceLeakDetector<>(resource, samplingInterval) {
                    @Override
                    protected void reportTracedLeak(String resourceType, String records) {
                        LEAKS.add(resourceType + " leaked:" + records);
                    }

                    @Override
                    protected void reportUntracedLeak(String resourceType) {
                        LEAKS.add(resourceType + " leaked");
                    }
                };
            }
        });
    }

    /**
     * Collects garbage and lets the detector look: leaks are found when a later buffer is
     * allocated after the leaked one was collected. Returns the leaks seen so far, and forgets them.
     */
    public static List<String> collect() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            System.runFinalization();
            for (int i = 0; i < 64; i++) {
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(16);
                pooled.release();
                ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.directBuffer(16);
                unpooled.release();
            }
        }
        List<String> seen = new ArrayList<>(LEAKS);
        LEAKS.removeAll(seen);
        return seen;
    }
}
