package io.jenkins.plugins.criticalchangegate.registry;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Who is told of a system's gates besides the configured webhooks ({@code notify:} in the registry, docs/registry.md):
 * today the e-mail addresses ({@code notify.email}); further channels become further members. An immutable value;
 * serializable because it is part of {@link CriticalSystem}.
 */
public final class NotifyTargets implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No one: a system without {@code notify}. */
    public static final NotifyTargets NONE = new NotifyTargets(List.of());

    private final List<String> email;

    private NotifyTargets(List<String> email) {
        this.email = List.copyOf(email);
    }

    /**
     * Targets with these e-mail addresses.
     *
     * @throws IllegalArgumentException naming the address, when one breaks {@link EmailAddress}'s rule or is listed
     *     twice (ignoring case)
     */
    public static NotifyTargets email(List<String> addresses) {
        if (addresses.isEmpty()) {
            return NONE; // the usual case, read for every system: no set to make
        }
        Set<String> seen = new HashSet<>();
        for (String address : addresses) {
            Objects.requireNonNull(address, "address");
            String problem = EmailAddress.problem(address).orElse(null);
            if (problem != null) {
                throw new IllegalArgumentException("e-mail address '" + NodeValues.printable(address) + "' " + problem);
            }
            String key = address.toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                throw new IllegalArgumentException("e-mail address '" + address + "' is listed twice");
            }
        }
        return new NotifyTargets(addresses);
    }

    /** The addresses mailed about the system's gates, in the registry's order; empty for none. */
    public List<String> email() {
        return email;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NotifyTargets && email.equals(((NotifyTargets) o).email);
    }

    @Override
    public int hashCode() {
        return email.hashCode();
    }

    @Override
    public String toString() {
        return "notify{email=" + email + "}";
    }
}
