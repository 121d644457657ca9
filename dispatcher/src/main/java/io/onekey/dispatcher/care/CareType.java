package io.onekey.dispatcher.care;

import io.onekey.dispatcher.directory.ServiceType;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One service of the catalogue.
 *
 * @param providerType  the kind of provider that does it (routing asks for this type)
 * @param circleMeters  the service circle: only providers based this close to the resident are offered it
 * @param arrivalTarget the provider must arrive within this long after the wanted window opens
 * @param offerLead     the request is offered this long before its window opens, so that the
 *                      provider can plan; an emergency type is offered at once whatever its window
 */
public record CareType(
        String id,
        String name,
        CareCategory category,
        ServiceType providerType,
        double circleMeters,
        Duration arrivalTarget,
        Duration offerLead,
        CareLane lane) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public CareType {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("careType.id must be 1-40 lower-case letters, digits or '-'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("careType.name is required");
        }
        Objects.requireNonNull(category, "careType.category is required");
        Objects.requireNonNull(providerType, "careType.providerType is required");
        if (!(circleMeters > 0) || circleMeters > 200_000) {
            throw new IllegalArgumentException("careType.circleMeters must be more than 0 and at most 200000");
        }
        if (arrivalTarget == null || arrivalTarget.isNegative() || arrivalTarget.isZero()) {
            throw new IllegalArgumentException("careType.arrivalTarget must be a positive duration");
        }
        offerLead = offerLead == null ? Duration.ZERO : offerLead;
        if (offerLead.isNegative()) {
            throw new IllegalArgumentException("careType.offerLead must not be negative");
        }
        lane = lane == null ? CareLane.EVERYDAY : lane;
    }

    public boolean emergency() {
        return lane == CareLane.EMERGENCY;
    }
}
