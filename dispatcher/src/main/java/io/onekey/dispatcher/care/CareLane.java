package io.onekey.dispatcher.care;

/**
 * Which queue a service type runs in. An emergency type is offered at once, like an alarm; an
 * everyday type is offered ahead of its window and measured against it, and is never worked
 * ahead of an alarm (it has an SLA class of its own, not a P1 deadline).
 */
public enum CareLane {
    EMERGENCY,
    EVERYDAY
}
