package io.onekey.dispatcher.care;

import java.time.Instant;

/**
 * The last signs of life from a resident: a press, a movement or a check-in (a heartbeat only
 * proves the terminal alive). Kept so that a silent resident is noticed across a restart.
 *
 * @param lastActivityAt    the last press or movement
 * @param lastCheckInAt     the last press of any key (a daily check-in is a press)
 * @param welfareRaisedAt   when the last welfare-check alert was raised, or null; no second one
 *                          is raised before the resident shows a sign of life again
 */
public record ResidentActivity(String residentId, Instant lastActivityAt, Instant lastCheckInAt, Instant welfareRaisedAt) {

    public ResidentActivity withActivity(Instant at, boolean checkIn) {
        Instant activity = lastActivityAt == null || at.isAfter(lastActivityAt) ? at : lastActivityAt;
        Instant checkedIn = checkIn && (lastCheckInAt == null || at.isAfter(lastCheckInAt)) ? at : lastCheckInAt;
        return new ResidentActivity(residentId, activity, checkedIn, welfareRaisedAt);
    }

    public ResidentActivity withWelfareRaised(Instant at) {
        return new ResidentActivity(residentId, lastActivityAt, lastCheckInAt, at);
    }
}
