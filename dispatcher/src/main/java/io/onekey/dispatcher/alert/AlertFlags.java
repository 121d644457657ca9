package io.onekey.dispatcher.alert;

/**
 * Conditions a supervisor must see at a glance.
 *
 * @param escalated   no operator acknowledged it in time, or no provider could be found
 * @param unassigned  every candidate provider declined or did not answer, or there was none
 * @param slaBreached nobody was on scene by the deadline of its priority
 * @param onSceneFar  the provider reported "on scene" farther from the resident than allowed
 * @param delayed     the alarm reached the server long after the device raised it (buffered
 *                    during an outage, or replayed): the resident pressed earlier than it seems
 */
public record AlertFlags(boolean escalated, boolean unassigned, boolean slaBreached, boolean onSceneFar,
                         boolean delayed) {

    public static final AlertFlags NONE = new AlertFlags(false, false, false, false, false);

    public AlertFlags withEscalated() {
        return new AlertFlags(true, unassigned, slaBreached, onSceneFar, delayed);
    }

    public AlertFlags withUnassigned(boolean value) {
        return new AlertFlags(escalated, value, slaBreached, onSceneFar, delayed);
    }

    public AlertFlags withSlaBreached() {
        return new AlertFlags(escalated, unassigned, true, onSceneFar, delayed);
    }

    public AlertFlags withOnSceneFar() {
        return new AlertFlags(escalated, unassigned, slaBreached, true, delayed);
    }

    public AlertFlags withDelayed() {
        return new AlertFlags(escalated, unassigned, slaBreached, onSceneFar, true);
    }
}
