package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The Jenkins user ids of the authors of the commits in a build's change sets ({@code ChangeLogSet.Entry#getAuthor()}),
 * as the adapter reads them. Jenkins maps an author it cannot match to a placeholder user, {@code unknown}
 * ({@code User.getUnknown()}), which names nobody and is dropped here.
 */
public final class CommitAuthors {
    /** The id of {@code User.getUnknown()}. */
    public static final String UNKNOWN_AUTHOR = "unknown";

    private final Set<String> userIds;

    private CommitAuthors(Set<String> userIds) {
        this.userIds = Collections.unmodifiableSet(new LinkedHashSet<>(userIds));
    }

    public static CommitAuthors of(Collection<String> authorIds) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : authorIds) {
            if (id != null && !id.isBlank() && !id.equals(UNKNOWN_AUTHOR)) {
                ids.add(id.strip());
            }
        }
        return new CommitAuthors(ids);
    }

    public Set<String> userIds() {
        return userIds;
    }

    @Override
    public String toString() {
        return userIds.toString();
    }
}
