package io.onekey.server;

import io.onekey.device.event.AlarmKind;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertService;
import io.onekey.dispatcher.engine.DispatchVerticle;
import io.onekey.monitoring.PipelineWatchdog;
import java.util.Arrays;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchdog's conditions as alerts: raised for supervisors, resolved when the condition
 * clears, changed on the dispatcher's context like every alert. If the dispatcher itself is
 * what is stuck, the alert waits for it; the watchdog's metric and log line do not.
 */
final class PipelineAlarms implements PipelineWatchdog.Supervisor {

    private static final Logger log = LoggerFactory.getLogger(PipelineAlarms.class);

    private final DispatchVerticle dispatcher;
    private final AlertService alerts;

    PipelineAlarms(DispatchVerticle dispatcher, AlertService alerts) {
        this.dispatcher = dispatcher;
        this.alerts = alerts;
    }

    @Override
    public void raised(PipelineWatchdog.Condition condition, String note) {
        dispatcher.run(() -> alerts.raisePipelineAlert(condition.tag(), note))
                .onFailure(e -> log.warn("watchdog alert for {} not raised: {}", condition.tag(), e.getMessage()));
    }

    @Override
    public void cleared(PipelineWatchdog.Condition condition, String note) {
        dispatcher.run(() -> alerts.resolvePipelineAlert(condition.tag(), note))
                .onFailure(e -> log.warn("watchdog alert for {} not resolved: {}", condition.tag(), e.getMessage()));
    }

    /** At start: conditions whose alert is still open, so that the watchdog clears them once within bounds. */
    static void resume(Collection<Alert> open, PipelineWatchdog watchdog) {
        for (Alert alert : open) {
            if (alert.kind() != AlarmKind.PIPELINE_DEGRADED) {
                continue;
            }
            Arrays.stream(PipelineWatchdog.Condition.values())
                    .filter(c -> alert.deviceId().equals(AlertService.pipelineDeviceId(c.tag())))
                    .forEach(watchdog::alreadyRaised);
        }
    }
}
