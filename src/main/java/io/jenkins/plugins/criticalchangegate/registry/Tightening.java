package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.documentation.DocumentationPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an overlay's {@code tighten:} asks of the systems it selects: any policy key, and a narrower list of
 * approvers. Applying it gives, key by key, the stricter of the system's value and the overlay's (more approvals,
 * a shorter timeout, {@code true} where {@code true} is stricter, fewer approvers and hosts, more rules and sections),
 * so applying overlays never loosens a system and their order never matters. The registry also refuses an overlay
 * whose value is looser than a selected system's own ({@link #loosenings}), since its author meant something else.
 * An immutable value; {@code null} fields are keys the overlay leaves alone.
 */
public final class Tightening {
    @CheckForNull private final Integer requiredApprovals;
    @CheckForNull private final Boolean requireDistinctGroups;
    @CheckForNull private final Boolean excludeCommitAuthors;
    @CheckForNull private final Duration approvalTimeout;
    @CheckForNull private final List<ApprovalRule> approvalRules;
    @CheckForNull private final List<ApproverRef> approvers;
    @CheckForNull private final List<String> allowedHosts;
    @CheckForNull private final Boolean requireChangeId;
    @CheckForNull private final Boolean allowHttp;
    @CheckForNull private final List<String> requiredSections;

    /** A key the overlay would loosen for one system, and how, for the registry's message. */
    static final class Loosening {
        /** The key as the file writes it under {@code tighten:}, e.g. {@code documentation.allowHttp}. */
        final String key;
        final String detail;

        Loosening(String key, String detail) {
            this.key = key;
            this.detail = detail;
        }
    }

    Tightening(PolicyKeys keys, @CheckForNull List<ApproverRef> approvers) {
        this.requiredApprovals = keys.requiredApprovals;
        this.requireDistinctGroups = keys.requireDistinctGroups;
        this.excludeCommitAuthors = keys.excludeCommitAuthors;
        this.approvalTimeout = keys.approvalTimeout;
        this.approvalRules = keys.approvalRules == null ? null : List.copyOf(keys.approvalRules);
        this.approvers = approvers == null ? null : List.copyOf(approvers);
        this.allowedHosts = keys.allowedHosts == null ? null : List.copyOf(keys.allowedHosts);
        this.requireChangeId = keys.requireChangeId;
        this.allowHttp = keys.allowHttp;
        this.requiredSections = keys.requiredSections == null ? null : List.copyOf(keys.requiredSections);
    }

    /** The keys this tightening sets, as the file writes them, for the tool and messages. */
    public List<String> keys() {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("requiredApprovals", requiredApprovals);
        set.put("requireDistinctGroups", requireDistinctGroups);
        set.put("excludeCommitAuthors", excludeCommitAuthors);
        set.put("approvalTimeout", approvalTimeout);
        set.put("approvalRules", approvalRules);
        set.put("approvers", approvers);
        set.put("documentation.allowedHosts", allowedHosts);
        set.put("documentation.requireChangeId", requireChangeId);
        set.put("documentation.allowHttp", allowHttp);
        set.put("documentation.requiredSections", requiredSections);
        return set.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableList());
    }

    /** The system with this tightening applied: each key the stricter of the system's value and this one's. */
    public CriticalSystem applyTo(CriticalSystem system) {
        CriticalSystemBuilder b = system.toBuilder();
        if (requiredApprovals != null) {
            b.requiredApprovals(Math.max(system.requiredApprovals(), requiredApprovals));
        }
        if (requireDistinctGroups != null) {
            b.requireDistinctGroups(system.requireDistinctGroups() || requireDistinctGroups);
        }
        if (excludeCommitAuthors != null) {
            b.excludeCommitAuthors(system.excludeCommitAuthors() || excludeCommitAuthors);
        }
        if (approvalTimeout != null && approvalTimeout.compareTo(system.approvalTimeout()) < 0) {
            b.approvalTimeout(approvalTimeout);
        }
        if (approvers != null) {
            Set<String> kept = keys(approvers);
            b.approvers(system.approvers().stream().filter(a -> kept.contains(key(a)))
                    .collect(Collectors.toList()));
        }
        if (approvalRules != null) {
            b.approvalRules(mergedRules(system.approvalRules(), approvalRules));
        }
        DocumentationPolicy doc = system.documentation();
        if (allowedHosts != null || requireChangeId != null || allowHttp != null || requiredSections != null) {
            List<String> hosts = doc.allowedHosts();
            if (allowedHosts != null) {
                Set<String> kept = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
                hosts = hosts.stream().filter(h -> kept.contains(h.toLowerCase(Locale.ROOT)))
                        .collect(Collectors.toList());
            }
            List<String> sections = new ArrayList<>(doc.requiredSections());
            if (requiredSections != null) {
                for (String section : requiredSections) {
                    if (!sections.contains(section)) {
                        sections.add(section);
                    }
                }
            }
            b.documentation(new DocumentationPolicy(hosts,
                    doc.requireChangeId() || Boolean.TRUE.equals(requireChangeId),
                    doc.allowHttp() && !Boolean.FALSE.equals(allowHttp), sections));
        }
        return b.build();
    }

    /** The system's rules, each raised to this tightening's count for its group, then this tightening's new ones. */
    private static List<ApprovalRule> mergedRules(List<ApprovalRule> own, List<ApprovalRule> more) {
        List<ApprovalRule> merged = new ArrayList<>();
        List<ApprovalRule> added = new ArrayList<>(more);
        for (ApprovalRule rule : own) {
            int count = rule.count();
            for (ApprovalRule extra : more) {
                if (key(extra.from()).equals(key(rule.from()))) {
                    count = Math.max(count, extra.count());
                    added.remove(extra);
                }
            }
            merged.add(ApprovalRule.of(rule.from(), count));
        }
        merged.addAll(added);
        return merged;
    }

    /**
     * Every key whose value here is looser than the system's own: a lower requiredApprovals, a longer timeout,
     * {@code false} where the system has {@code true} (or {@code allowHttp: true} where it has {@code false}), an
     * approver or allowed host the system does not list, an approval rule asking less of a group than the system's
     * own rule, or one naming a group the system does not authorize (it would let new people approve).
     */
    List<Loosening> loosenings(CriticalSystem system) {
        List<Loosening> out = new ArrayList<>();
        if (requiredApprovals != null && requiredApprovals < system.requiredApprovals()) {
            out.add(new Loosening("requiredApprovals", "requiredApprovals " + requiredApprovals + " is below its own "
                    + system.requiredApprovals()));
        }
        if (Boolean.FALSE.equals(requireDistinctGroups) && system.requireDistinctGroups()) {
            out.add(new Loosening("requireDistinctGroups", "requireDistinctGroups false would drop its own true"));
        }
        if (Boolean.FALSE.equals(excludeCommitAuthors) && system.excludeCommitAuthors()) {
            out.add(new Loosening("excludeCommitAuthors", "excludeCommitAuthors false would drop its own true"));
        }
        if (approvalTimeout != null && approvalTimeout.compareTo(system.approvalTimeout()) > 0) {
            out.add(new Loosening("approvalTimeout", "approvalTimeout " + DurationReader.durationText(approvalTimeout)
                    + " is longer than its own " + DurationReader.durationText(system.approvalTimeout())));
        }
        if (approvers != null) {
            Set<String> own = keys(system.approvers());
            for (ApproverRef ref : approvers) {
                if (!own.contains(key(ref))) {
                    out.add(new Loosening("approvers", "approvers would add '" + ref + "', which it does not list"
                            + " (an overlay may only leave approvers out)"));
                }
            }
        }
        if (approvalRules != null) {
            rulesLoosenings(system, approvalRules, out);
        }
        DocumentationPolicy doc = system.documentation();
        if (allowedHosts != null) {
            Set<String> own = doc.allowedHosts().stream().map(h -> h.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            for (String host : allowedHosts) {
                if (!own.contains(host.toLowerCase(Locale.ROOT))) {
                    out.add(new Loosening("documentation.allowedHosts", "documentation.allowedHosts would add '"
                            + host + "', which it does not allow (an overlay may only leave hosts out)"));
                }
            }
        }
        if (Boolean.FALSE.equals(requireChangeId) && doc.requireChangeId()) {
            out.add(new Loosening("documentation.requireChangeId", "documentation.requireChangeId false would drop"
                    + " its own true"));
        }
        if (Boolean.TRUE.equals(allowHttp) && !doc.allowHttp()) {
            out.add(new Loosening("documentation.allowHttp", "documentation.allowHttp true would allow plain http,"
                    + " which it does not"));
        }
        return out;
    }

    private static void rulesLoosenings(CriticalSystem system, List<ApprovalRule> rules, List<Loosening> out) {
        Set<String> authorized = keys(system.approvers());
        for (ApprovalRule own : system.approvalRules()) {
            authorized.add(key(own.from()));
        }
        for (ApprovalRule rule : rules) {
            if (!authorized.contains(key(rule.from()))) {
                out.add(new Loosening("approvalRules", "the approval rule " + rule + " would let "
                        + rule.from() + " approve, which neither its approvers nor its approval rules list"));
                continue;
            }
            for (ApprovalRule own : system.approvalRules()) {
                if (key(own.from()).equals(key(rule.from())) && own.count() > rule.count()) {
                    out.add(new Loosening("approvalRules", "the approval rule " + rule + " asks less than its own "
                            + own));
                }
            }
        }
    }

    private static Set<String> keys(List<ApproverRef> refs) {
        Set<String> keys = new java.util.HashSet<>();
        for (ApproverRef ref : refs) {
            keys.add(key(ref));
        }
        return keys;
    }

    /** Approvers and rule groups compare ignoring case, as the registry's duplicate checks do. */
    private static String key(ApproverRef ref) {
        return ref.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "Tightening" + keys();
    }
}
