package io.onekey.simulator.town;

import java.util.List;

/**
 * A generated town, in the server's directory-file format (residents, devices, providers),
 * so the same file both loads the server and drives the simulated terminals.
 */
public record Town(List<Resident> residents, List<Device> devices, List<Provider> providers) {

    public record Point(double lat, double lon) {
    }

    public record Contact(String name, String relation, String phone) {
    }

    public record Resident(String id, String name, String address, Point home, String medicalNotes,
                           List<Contact> emergencyContacts) {
    }

    /** A terminal; {@code dc09Key} is the AES key of an encrypting DC-09 panel, else null. */
    public record Device(String id, String protocol, String type, String residentId, int heartbeatIntervalSeconds,
                         String dc09Key) {
    }

    public record Provider(String id, String name, List<String> serviceTypes, Point base, int capacity) {
    }

    public Resident resident(String id) {
        return residents.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
