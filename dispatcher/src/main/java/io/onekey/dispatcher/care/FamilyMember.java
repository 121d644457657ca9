package io.onekey.dispatcher.care;

import java.util.List;

/**
 * A relative (or guardian, for a child's wearable) who follows one or more residents. A
 * {@code family} token names the member's id; it sees those residents and nobody else.
 *
 * @param email         where P1 alarms and resolutions are mailed, or null
 * @param webhookUrl    where they are POSTed, signed with {@code webhookSecret}, or null
 */
public record FamilyMember(String id, String name, List<String> residentIds, String email, String webhookUrl,
                           String webhookSecret) {

    public FamilyMember {
        if (id == null || !id.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("family.id must be 1-64 characters of letters, digits, '.', '_', ':' or '-'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("family.name is required");
        }
        if (residentIds == null || residentIds.isEmpty()) {
            throw new IllegalArgumentException("family.residentIds must name at least one resident");
        }
        residentIds = List.copyOf(residentIds);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("family.email is not an e-mail address");
        }
        if (webhookUrl != null && !webhookUrl.matches("https?://[^\\s/]+.*")) {
            throw new IllegalArgumentException("family.webhookUrl must be an http:// or https:// URL");
        }
        if (webhookUrl != null && (webhookSecret == null || webhookSecret.length() < 16)) {
            throw new IllegalArgumentException("family.webhookSecret of 16 characters or more is required with a webhookUrl");
        }
    }

    public boolean follows(String residentId) {
        return residentIds.contains(residentId);
    }

    /** The secret stays out of logs. */
    @Override
    public String toString() {
        return "FamilyMember[id=" + id + ", name=" + name + ", residentIds=" + residentIds + "]";
    }
}
