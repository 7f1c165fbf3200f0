package io.jenkins.plugins.criticalchangegate.registry;

import java.io.Serializable;
import java.util.Objects;

/**
 * One entry of a system's {@code approvers:}: a group, or a single user written {@code user:<id>}.
 */
public final class ApproverRef implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The prefix that marks a single user in the registry. */
    public static final String USER_PREFIX = "user:";

    private final boolean user;
    private final String name;

    private ApproverRef(boolean user, String name) {
        this.user = user;
        this.name = name;
    }

    /** A group of the security realm. */
    public static ApproverRef group(String name) {
        return new ApproverRef(false, requireName(name));
    }

    /** A single user, by the id the security realm gives them. */
    public static ApproverRef user(String id) {
        return new ApproverRef(true, requireName(id));
    }

    /**
     * Reads an entry as written in the registry.
     *
     * @throws IllegalArgumentException for an empty group or user id, or control characters
     */
    public static ApproverRef parse(String text) {
        String trimmed = text.strip();
        if (trimmed.regionMatches(true, 0, USER_PREFIX, 0, USER_PREFIX.length())) {
            String id = trimmed.substring(USER_PREFIX.length()).strip();
            if (id.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' names no user: write user:<id>, e.g. user:alice");
            }
            return user(id);
        }
        return group(trimmed);
    }

    private static String requireName(String name) {
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("an approver must be a group name or user:<id>, not empty");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (Character.isISOControl(trimmed.charAt(i))) {
                throw new IllegalArgumentException("an approver must not contain control characters or line breaks");
            }
        }
        return trimmed;
    }

    /** True for {@code user:<id>}, false for a group. */
    public boolean isUser() {
        return user;
    }

    /** The group name, or the user id without its {@code user:} prefix. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApproverRef && ((ApproverRef) o).user == user && ((ApproverRef) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, name);
    }

    /** As written in the registry: {@code checkout-leads} or {@code user:alice}. */
    @Override
    public String toString() {
        return user ? USER_PREFIX + name : name;
    }
}
