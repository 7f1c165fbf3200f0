package io.jenkins.plugins.criticalchangegate.registry;

import java.io.Serializable;
import java.util.Objects;

/**
 * One rule of a system's {@code approvalRules}: {@code count} approvals through one listed group (or one listed
 * user's own entry), e.g. "1 from checkout-leads". Every rule of a system must be met, by distinct people, each person
 * counting toward one rule only (docs/registry.md, "Approval rules").
 */
public final class ApprovalRule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ApproverRef from;
    private final int count;

    private ApprovalRule(ApproverRef from, int count) {
        this.from = from;
        this.count = count;
    }

    /**
     * @throws IllegalArgumentException when {@code count} is below 1
     */
    public static ApprovalRule of(ApproverRef from, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("an approval rule needs a count of 1 or more, got " + count);
        }
        return new ApprovalRule(Objects.requireNonNull(from), count);
    }

    /** The group (or {@code user:<id>}) the approvals must come through. */
    public ApproverRef from() {
        return from;
    }

    public int count() {
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApprovalRule && ((ApprovalRule) o).from.equals(from) && ((ApprovalRule) o).count == count;
    }

    @Override
    public int hashCode() {
        return from.hashCode() * 31 + count;
    }

    @Override
    public String toString() {
        return count + " from " + (from.isUser() ? "user " + from.name() : "group " + from.name());
    }
}
