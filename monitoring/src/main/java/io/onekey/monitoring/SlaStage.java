package io.onekey.monitoring;

/** The measured stages of an alert's life. Their targets are in {@link SlaTargets}. */
public enum SlaStage {
    /** Operator answer. */
    RECEIVED_TO_ACKNOWLEDGED("received_to_acknowledged"),
    RECEIVED_TO_OFFERED("received_to_offered"),
    OFFERED_TO_ACCEPTED("offered_to_accepted"),
    /** The service circle: somebody at the resident's door. */
    RECEIVED_TO_ON_SCENE("received_to_on_scene"),
    /** The system's own part: from the device's frame to the provider's screen. */
    RECEIVED_TO_NOTIFIED("received_to_notified");

    private final String tag;

    SlaStage(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
