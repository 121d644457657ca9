package io.onekey.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server spent its CPU during a step: the flight recording's execution samples counted by
 * their top frame (the method running when sampled), as {@code jfr print --events
 * jdk.ExecutionSample} would show them one by one.
 */
final class JfrSummary {

    /** A method and its share of the samples. */
    record Frame(String method, long samples, double share) {
    }

    private JfrSummary() {
    }

    /** Samples by their top frame. */
    static List<Frame> topFrames(Path recording, int limit) throws IOException {
        return count(recording, limit, false);
    }

    /** Samples by the innermost OneKey method on their stack: which of OneKey's own code the time was spent under. */
    static List<Frame> topOneKeyFrames(Path recording, int limit) throws IOException {
        return count(recording, limit, true);
    }

    private static List<Frame> count(Path recording, int limit, boolean oneKey) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        long total = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                        || e.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                RecordedFrame top = e.getStackTrace().getFrames().get(0);
                if (oneKey) {
                    top = e.getStackTrace().getFrames().stream()
                            .filter(f -> f.getMethod().getType().getName().startsWith("io.onekey.")).findFirst().orElse(null);
                }
                total++;
                if (top == null) {
                    continue;
                }
                counts.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
            }
        }
        long all = Math.max(1, total);
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .map(e -> new Frame(e.getKey(), e.getValue(), e.getValue() / (double) all)).toList();
    }
}
