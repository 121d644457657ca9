package io.onekey.dispatcher.directory;

import io.onekey.dispatcher.geo.GeoPoint;
import java.util.List;
import java.util.Objects;

/**
 * A subscriber: the person an alert is about.
 *
 * @param geofences safe zones; a wearable leaving all of them raises GEOFENCE_EXIT
 */
public record Resident(
        String id,
        String name,
        String address,
        GeoPoint home,
        String medicalNotes,
        List<EmergencyContact> emergencyContacts,
        List<Geofence> geofences) {

    public Resident {
        DirectoryValidation.requireId("resident.id", id);
        DirectoryValidation.requireText("resident.name", name);
        Objects.requireNonNull(home, "resident.home is required");
        address = address == null ? "" : address;
        medicalNotes = medicalNotes == null ? "" : medicalNotes;
        emergencyContacts = emergencyContacts == null ? List.of() : List.copyOf(emergencyContacts);
        geofences = geofences == null ? List.of() : List.copyOf(geofences);
    }
}
