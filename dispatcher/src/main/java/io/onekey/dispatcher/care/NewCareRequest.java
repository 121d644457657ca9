package io.onekey.dispatcher.care;

import java.time.Instant;

/**
 * What a caller asks for.
 *
 * @param windowStart when the service is wanted; null for as soon as possible
 * @param windowEnd   the end of the wanted window; null for the start plus one hour
 * @param requestedBy who filed it, as the history names people
 */
public record NewCareRequest(String residentId, String typeId, Instant windowStart, Instant windowEnd, CareChannel channel,
                             String requestedBy, String note) {
}
