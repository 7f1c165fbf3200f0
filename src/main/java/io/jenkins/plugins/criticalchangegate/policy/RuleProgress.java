package io.jenkins.plugins.criticalchangegate.policy;

import java.util.List;

/**
 * How far one part of a gate's requirement is met: its channel (a group, {@code user:<id>}, or {@link #ANY} for the
 * approvals anyone the system lists may give), how many approvals it needs, and who counts toward it now.
 */
public final class RuleProgress {
    /** The channel of the part that anyone the system lists may meet. */
    public static final String ANY = "*";

    private final String group;
    private final int count;
    private final List<String> approvedBy;

    RuleProgress(String group, int count, List<String> approvedBy) {
        this.group = group;
        this.count = count;
        this.approvedBy = List.copyOf(approvedBy);
    }

    public String group() {
        return group;
    }

    public int count() {
        return count;
    }

    /** Who counts toward this part, in the order they approved. */
    public List<String> approvedBy() {
        return approvedBy;
    }

    public boolean met() {
        return approvedBy.size() >= count;
    }

    @Override
    public String toString() {
        return group + ": " + approvedBy.size() + "/" + count + " " + approvedBy;
    }
}
