package io.onekey.dispatcher.care;

import java.time.Instant;

/** A resident's or relative's score of a completed service: one per request. */
public record Rating(String requestId, String residentId, String providerId, String workerId, int stars, String comment,
                     String ratedBy, Instant ratedAt) {

    public Rating {
        if (stars < 1 || stars > 5) {
            throw new IllegalArgumentException("stars must be 1 to 5");
        }
        comment = comment == null ? "" : comment.strip();
        if (comment.length() > 1000) {
            throw new IllegalArgumentException("comment must be at most 1000 characters");
        }
    }
}
