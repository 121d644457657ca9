package io.onekey.dispatcher.directory;

/** Someone to call for a resident: family, neighbour, doctor. */
public record EmergencyContact(String name, String relation, String phone) {
}
