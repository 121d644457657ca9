package io.onekey.monitoring;

import java.time.Duration;

/** The measured stages of an alert's life, each with its default target. */
public enum SlaStage {
    /** Operator answer: 97.5 % within 60 s is the alarm-centre standard. */
    RECEIVED_TO_ACKNOWLEDGED("received_to_acknowledged", Duration.ofSeconds(60)),
    RECEIVED_TO_OFFERED("received_to_offered", Duration.ofSeconds(5)),
    OFFERED_TO_ACCEPTED("offered_to_accepted", Duration.ofSeconds(30)),
    /** The service circle: on scene within 15 minutes for P1. */
    RECEIVED_TO_ON_SCENE("received_to_on_scene", Duration.ofMinutes(15)),
    /** The system's own part: from the device's frame to the provider's screen. */
    RECEIVED_TO_NOTIFIED("received_to_notified", Duration.ofSeconds(2));

    private final String tag;
    private final Duration defaultTarget;

    SlaStage(String tag, Duration defaultTarget) {
        this.tag = tag;
        this.defaultTarget = defaultTarget;
    }

    public String tag() {
        return tag;
    }

    public Duration defaultTarget() {
        return defaultTarget;
    }
}
