package io.onekey.dispatcher.access;

/** Who may do what. Each role includes the rights of the roles before it, except provider. */
public enum Role {
    PROVIDER,
    OPERATOR,
    SUPERVISOR,
    ADMIN;

    /** True if this role may use a route meant for {@code required}. Providers only get provider routes. */
    public boolean covers(Role required) {
        if (this == PROVIDER || required == PROVIDER) {
            return this == required;
        }
        return ordinal() >= required.ordinal();
    }
}
