package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Someone acting on a gate: a user id and the groups the security realm gives them. {@link #ANONYMOUS} stands for
 * anyone not logged in; it never approves and never rejects.
 */
public final class Person implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The id Jenkins uses for the anonymous user. */
    static final String ANONYMOUS_ID = "anonymous";

    /** Anyone not logged in: refused as NOT_AUTHORIZED whatever the registry lists. */
    public static final Person ANONYMOUS = new Person(ANONYMOUS_ID, Set.of(), true);

    private final String id;
    private final Set<String> groups;
    private final boolean anonymous;

    private Person(String id, Set<String> groups, boolean anonymous) {
        this.id = id;
        this.groups = groups;
        this.anonymous = anonymous;
    }

    /**
     * A logged-in user.
     *
     * @param id the user id, not blank
     * @param groups the user's groups (blank entries are dropped)
     * @throws IllegalArgumentException for a blank id or control characters
     */
    public static Person of(String id, Set<String> groups) {
        String trimmed = id.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a person needs a user id");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a user id must not contain control characters or line breaks");
        }
        Set<String> copy = new LinkedHashSet<>();
        for (String group : groups) {
            if (!group.isBlank()) {
                copy.add(group.strip());
            }
        }
        return new Person(trimmed, java.util.Collections.unmodifiableSet(copy), false);
    }

    /** A logged-in user with the given groups. */
    public static Person of(String id, String... groups) {
        return of(id, new LinkedHashSet<>(java.util.Arrays.asList(groups)));
    }

    public String id() {
        return id;
    }

    /** The groups, in the order given. */
    @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "an unmodifiable view of a private copy (of())")
    public Set<String> groups() {
        return groups;
    }

    public boolean isAnonymous() {
        return anonymous;
    }

    private Object readResolve() {
        return anonymous ? ANONYMOUS : this;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Person)) {
            return false;
        }
        Person that = (Person) o;
        return anonymous == that.anonymous && id.equals(that.id) && groups.equals(that.groups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, groups, anonymous);
    }

    @Override
    public String toString() {
        return anonymous ? "anonymous" : id + groups;
    }
}
