package io.onekey.dispatcher.care;

/**
 * Where a service request stands. SCHEDULED waits for its offer time; OFFERED has one pending
 * offer; ACCEPTED by a provider organisation, ASSIGNED to one of its workers; UNASSIGNED when
 * no provider in the circle took it (the operators must find one).
 */
public enum CareState {
    SCHEDULED,
    OFFERED,
    ACCEPTED,
    ASSIGNED,
    ARRIVED,
    UNASSIGNED,
    COMPLETED,
    CANCELLED;

    public boolean isOpen() {
        return this != COMPLETED && this != CANCELLED;
    }

    /** Nobody has taken the job yet: it can still be offered. */
    public boolean untaken() {
        return this == SCHEDULED || this == OFFERED || this == UNASSIGNED;
    }
}
