package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who started a build: every user named by a {@link BuildCause.Kind#USER} cause, directly or through any depth of
 * upstream causes. A person who started a pipeline that triggers the deploying one started the deployment too, so
 * they may not approve it either.
 */
public final class BuildStarters {
    private final Set<String> userIds;
    private final boolean startedAnonymously;

    private BuildStarters(Set<String> userIds, boolean startedAnonymously) {
        this.userIds = Collections.unmodifiableSet(new LinkedHashSet<>(userIds));
        this.startedAnonymously = startedAnonymously;
    }

    /**
     * Walks the causes breadth first. Jenkins itself bounds the upstream chain it keeps
     * ({@code Cause.UpstreamCause.MAX_DEPTH}) and collapses repeats, so the walk is finite; it keeps no cycle check.
     */
    public static BuildStarters of(List<BuildCause> causes) {
        Set<String> ids = new LinkedHashSet<>();
        boolean anonymous = false;
        Deque<BuildCause> pending = new ArrayDeque<>(causes);
        while (!pending.isEmpty()) {
            BuildCause cause = pending.removeFirst();
            switch (cause.kind()) {
                case USER:
                    if (cause.userId() == null) {
                        anonymous = true;
                    } else {
                        ids.add(cause.userId());
                    }
                    break;
                case UPSTREAM:
                    pending.addAll(cause.upstreamCauses());
                    break;
                default:
                    break;
            }
        }
        return new BuildStarters(ids, anonymous);
    }

    /** The ids of the users who started the build, as the causes spell them: direct starters first, then upstream. */
    public Set<String> userIds() {
        return userIds;
    }

    /** The person who started the build directly, else the first one through upstream builds; null when nobody. */
    @CheckForNull
    public String primary() {
        return userIds.isEmpty() ? null : userIds.iterator().next();
    }

    /** Everyone else who started it through upstream builds: refused as approvers just the same. */
    public Set<String> upstream() {
        Set<String> others = new LinkedHashSet<>(userIds);
        others.remove(primary());
        return Collections.unmodifiableSet(others);
    }

    /** Whether an anonymous user started the build (somewhere in the chain). */
    public boolean startedAnonymously() {
        return startedAnonymously;
    }

    @Override
    public String toString() {
        return userIds.toString();
    }
}
