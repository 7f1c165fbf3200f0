package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.ApprovalRule;
import io.jenkins.plugins.criticalchangegate.registry.ApproverRef;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A gate's requirement as a {@link Quorum}, and the people who count toward it: the ways (channels) a person may
 * approve a system, and everyone accepted so far as candidates for the quorum's assignment. Split from {@link Gate}
 * so that the gate keeps to its decisions.
 */
final class GateQuorum {
    /** The label of the part of a requirement that anyone the system lists may meet. */
    static final String ANY_LISTED = "any listed approver";

    private final IdentityComparison comparison;

    GateQuorum(IdentityComparison comparison) {
        this.comparison = comparison;
    }

    /**
     * The ways the person may approve, best first: their own {@code user:<id>} listing (nobody else can use it, so
     * it leaves the groups to others), then each listed group they are in, in the registry's order.
     */
    List<String> channels(CriticalSystem system, Person who) {
        String key = comparison.userKey(who.id());
        Set<String> groupKeys = new HashSet<>();
        for (String group : who.groups()) {
            groupKeys.add(comparison.groupKey(group));
        }
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (ApproverRef ref : system.approvers()) {
            if (ref.isUser()) {
                if (comparison.userKey(ref.name()).equals(key)) {
                    users.add(ref.toString());
                }
            } else if (groupKeys.contains(comparison.groupKey(ref.name()))) {
                groups.add(ref.name());
            }
        }
        // approval rules may name groups (or users) that the approvers list does not: being in one authorizes too
        for (ApprovalRule rule : system.approvalRules()) {
            ApproverRef ref = rule.from();
            boolean mine = ref.isUser() ? comparison.userKey(ref.name()).equals(key)
                    : groupKeys.contains(comparison.groupKey(ref.name()));
            List<String> into = ref.isUser() ? users : groups;
            if (mine && !containsChannel(users, ref.toString()) && !containsChannel(groups, ref.toString())) {
                into.add(ref.toString());
            }
        }
        users.addAll(groups);
        return users;
    }

    private boolean containsChannel(List<String> channels, String channel) {
        String key = channelKey(channel);
        for (String c : channels) {
            if (channelKey(c).equals(key)) {
                return true;
            }
        }
        return false;
    }

    private String channelKey(String channel) {
        return channel.startsWith(ApproverRef.USER_PREFIX)
                ? ApproverRef.USER_PREFIX + comparison.userKey(channel.substring(ApproverRef.USER_PREFIX.length()))
                : comparison.groupKey(channel);
    }

    static String approvers(GateState s, Quorum.Assignment assignment) {
        List<String> names = new ArrayList<>();
        for (Approval a : s.approvals()) {
            String through = assignment.through(a.user());
            names.add(a.user() + " (" + (through == null ? a.through() : through) + ")");
        }
        return String.join(", ", names);
    }

    /**
     * The system's requirement as a quorum: one part per approval rule, then "any listed approver" for the approvals
     * the rules leave ({@code approvalsNeeded} minus the rules' counts).
     */
    Quorum of(CriticalSystem system) {
        List<Quorum.Part> parts = new ArrayList<>();
        int ruled = 0;
        for (ApprovalRule rule : system.approvalRules()) {
            String label = rule.from().toString();
            parts.add(new Quorum.Part(channelKey(label), label, rule.count()));
            ruled += rule.count();
        }
        int rest = system.approvalsNeeded() - ruled;
        if (rest > 0) {
            parts.add(new Quorum.Part(null, ANY_LISTED, rest));
        }
        return new Quorum(parts, system.requireDistinctGroups());
    }

    /** Everyone whose approval was accepted, with the channels they could count through, and one more if given. */
    List<Quorum.Candidate> candidates(GateState s, @CheckForNull Quorum.Candidate extra) {
        List<Quorum.Candidate> out = new ArrayList<>();
        for (GateEvent e : s.events()) {
            if (e.type() == GateEvent.Type.APPROVAL_ACCEPTED) {
                out.add(candidate(e.user().orElseThrow(), e.channels()));
            }
        }
        if (extra != null) {
            out.add(extra);
        }
        return out;
    }

    Quorum.Candidate candidate(String user, List<String> channels) {
        List<String> keys = new ArrayList<>();
        for (String channel : channels) {
            keys.add(channelKey(channel));
        }
        return new Quorum.Candidate(user, keys, channels);
    }

    static String openParts(Quorum quorum, Quorum.Assignment assignment) {
        List<String> open = new ArrayList<>();
        for (int i = 0; i < quorum.parts().size(); i++) {
            Quorum.Part part = quorum.parts().get(i);
            int missing = part.count() - assignment.usersByPart().get(i).size();
            if (missing > 0) {
                open.add(part.label() + " (" + missing + ")");
            }
        }
        return String.join(", ", open);
    }
}
