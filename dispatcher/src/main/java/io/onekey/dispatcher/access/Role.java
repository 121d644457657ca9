package io.onekey.dispatcher.access;

/**
 * Who may do what. Each role includes the rights of the roles before it, except provider and
 * family: a provider sees its own offers, a relative the residents it follows, nothing more.
 */
public enum Role {
    PROVIDER,
    OPERATOR,
    SUPERVISOR,
    ADMIN,
    FAMILY;

    /** True if this role may use a route meant for {@code required}. Providers and family only get their own routes. */
    public boolean covers(Role required) {
        if (this == PROVIDER || required == PROVIDER || this == FAMILY || required == FAMILY) {
            return this == required;
        }
        return ordinal() >= required.ordinal();
    }
}
