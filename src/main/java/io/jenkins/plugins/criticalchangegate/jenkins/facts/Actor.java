package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The person acting on a gate, as Jenkins authenticated them: the user id and the groups the security realm gave
 * them as authorities. Built from the Spring Security {@link Authentication} of the request, so that what counts
 * is what the realm says, not what the request claims.
 */
public final class Actor {
    /**
     * The authority every authenticated Jenkins user has ({@code SecurityRealm.AUTHENTICATED_AUTHORITY2}): it is not
     * a group anyone is a member of, so a registry listing {@code authenticated} must not let everyone approve.
     */
    public static final String AUTHENTICATED_AUTHORITY = "authenticated";
    /** The name of Jenkins' internal system identity ({@code ACL.SYSTEM_USERNAME}): it is nobody, it never approves. */
    public static final String SYSTEM_USER = "SYSTEM";
    /** The name Jenkins gives anonymous users ({@code ACL.ANONYMOUS_USERNAME}). */
    public static final String ANONYMOUS_USER = "anonymous";

    private final String id;
    private final List<String> groups;

    private Actor(String id, List<String> groups) {
        this.id = id;
        this.groups = List.copyOf(groups);
    }

    /**
     * The person a request is authenticated as.
     *
     * @param authentication what Jenkins authenticated ({@code Jenkins.getAuthentication2()}), may be {@code null}
     * @return empty for no authentication, an unauthenticated one, anonymous or the internal SYSTEM identity: none
     *     of them is a person who may approve
     */
    public static Optional<Actor> from(@CheckForNull Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        String name = authentication.getName();
        if (name == null || name.isBlank() || name.equals(SYSTEM_USER) || name.equals(ANONYMOUS_USER)) {
            return Optional.empty();
        }
        return Optional.of(new Actor(name, groupsOf(authentication.getAuthorities())));
    }

    /** For tests and for rebuilding a person from a persisted record. */
    public static Actor of(String id, Collection<String> groups) {
        if (id.isBlank()) {
            throw new IllegalArgumentException("an actor needs a user id");
        }
        return new Actor(id, new ArrayList<>(new LinkedHashSet<>(groups)));
    }

    private static List<String> groupsOf(@CheckForNull Collection<? extends GrantedAuthority> authorities) {
        Set<String> groups = new LinkedHashSet<>();
        if (authorities != null) {
            for (GrantedAuthority authority : authorities) {
                String name = authority == null ? null : authority.getAuthority();
                if (name != null && !name.isBlank() && !name.equals(AUTHENTICATED_AUTHORITY)) {
                    groups.add(name);
                }
            }
        }
        return new ArrayList<>(groups);
    }

    /** The user id, as the security realm spells it. */
    public String id() {
        return id;
    }

    /** The realm's groups, in the order the realm gave them, without duplicates and without {@code authenticated}. */
    /** The actor as the approval policy sees a person: the id and the groups, in order. */
    public Person person() {
        return Person.of(id(), new LinkedHashSet<>(groups()));
    }

    public List<String> groups() {
        return groups;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Actor && ((Actor) o).id.equals(id) && ((Actor) o).groups.equals(groups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, groups);
    }

    @Override
    public String toString() {
        return id + groups;
    }
}
