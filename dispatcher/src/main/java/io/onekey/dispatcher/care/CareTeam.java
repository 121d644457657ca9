package io.onekey.dispatcher.care;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The people around one resident: a social worker, volunteers, family. Shown with the
 * resident's alerts; members who work for a provider organisation are offered the resident's
 * care before anyone else in the circle.
 */
public record CareTeam(String residentId, List<Member> members) {

    public enum Role {
        SOCIAL_WORKER,
        VOLUNTEER,
        FAMILY,
        OTHER
    }

    /** @param providerId the organisation the member works for, if any */
    public record Member(String name, Role role, String phone, String providerId) {

        public Member {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("team member name is required");
            }
            role = role == null ? Role.OTHER : role;
        }
    }

    public CareTeam {
        members = members == null ? List.of() : List.copyOf(members);
    }

    public static CareTeam none(String residentId) {
        return new CareTeam(residentId, List.of());
    }

    public Set<String> providers() {
        return members.stream().map(Member::providerId).filter(p -> p != null).collect(Collectors.toSet());
    }
}
