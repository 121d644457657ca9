package io.onekey.server;

import io.onekey.monitoring.SlaStage;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One line every few seconds for whoever watches the console: is it alive, is it keeping up. */
final class LiveSummary implements AutoCloseable {

    private final OneKeyServer server;
    private final PrintStream out;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-summary");
        t.setDaemon(true);
        return t;
    });

    LiveSummary(OneKeyServer server, PrintStream out) {
        this.server = server;
        this.out = out;
    }

    LiveSummary start(long periodSeconds) {
        timer.scheduleAtFixedRate(this::print, periodSeconds, periodSeconds, TimeUnit.SECONDS);
        return this;
    }

    String line() {
        long offered = server.sla().count(SlaStage.RECEIVED_TO_OFFERED);
        String p99 = offered == 0 ? "-" : server.sla().percentile(SlaStage.RECEIVED_TO_OFFERED, 0.99).toMillis() + " ms";
        // The system's delay and the operators' are told apart: a hand dispatch is not system latency.
        long acknowledged = server.sla().count(SlaStage.RECEIVED_TO_ACKNOWLEDGED);
        String ack = acknowledged == 0 ? "-"
                : server.sla().percentile(SlaStage.RECEIVED_TO_ACKNOWLEDGED, 0.5).toSeconds() + " s";
        return String.format(Locale.ROOT, "devices online %d/%d | open alerts %d | offers sent %.0f | system p99 received->offered %s"
                        + " | operators median received->acknowledged %s",
                server.devicesOnline(), server.deviceCount(), server.openAlerts(), server.offersSent(), p99, ack);
    }

    private void print() {
        out.println(line());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
