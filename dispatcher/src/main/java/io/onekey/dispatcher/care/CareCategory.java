package io.onekey.dispatcher.care;

/** The headings residents and operators choose a service under. */
public enum CareCategory {
    EMERGENCY,
    DAILY_LIVING,
    PERSONAL_CARE,
    HEALTH,
    COMPANIONSHIP
}
