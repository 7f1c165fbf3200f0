package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.documentation.DocumentationPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Builds a {@link CriticalSystem}; {@link #build()} checks the rules a single entry must keep. Its own class so that
 * the system stays one screenful of values and accessors.
 */
public final class CriticalSystemBuilder {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);
    final SystemId id;
    String name;
    int tier = 1;
    // immutable lists, copied once here: the system keeps them as they are (List.copyOf of an immutable list is
    // the list), where a mutable copy here and another in the system were two lists per list of a large registry
    List<String> owners = List.of();
    List<ApproverRef> approvers = List.of();
    int requiredApprovals = 2;
    boolean requireDistinctGroups;
    boolean excludeCommitAuthors = true;
    Duration approvalTimeout = DEFAULT_TIMEOUT;
    DocumentationPolicy documentation = DocumentationPolicy.NOTHING_ALLOWED;
    List<String> jobs = List.of();
    List<ApprovalRule> approvalRules = List.of();
    @CheckForNull
    AiAssistedRule aiAssisted;
    @CheckForNull
    EmergencyPolicy emergency;
    @CheckForNull
    Duration credentialsReleaseWindow;
    NotifyTargets notify = NotifyTargets.NONE;
    /** The jobs are a built system's, so their globs are known to compile. */
    boolean jobsChecked;

    CriticalSystemBuilder(SystemId id) {
        this.id = id;
        this.name = id.value();
    }

    public CriticalSystemBuilder name(String name) {
        this.name = name;
        return this;
    }

    public CriticalSystemBuilder tier(int tier) {
        this.tier = tier;
        return this;
    }

    public CriticalSystemBuilder owners(List<String> owners) {
        this.owners = List.copyOf(owners);
        return this;
    }

    public CriticalSystemBuilder approvers(List<ApproverRef> approvers) {
        this.approvers = List.copyOf(approvers);
        return this;
    }

    /** Parses each entry with {@link ApproverRef#parse}. */
    public CriticalSystemBuilder approvers(String... approvers) {
        List<ApproverRef> parsed = new ArrayList<>();
        for (String a : approvers) {
            parsed.add(ApproverRef.parse(a));
        }
        this.approvers = List.copyOf(parsed);
        return this;
    }

    public CriticalSystemBuilder requiredApprovals(int requiredApprovals) {
        this.requiredApprovals = requiredApprovals;
        return this;
    }

    public CriticalSystemBuilder requireDistinctGroups(boolean requireDistinctGroups) {
        this.requireDistinctGroups = requireDistinctGroups;
        return this;
    }

    public CriticalSystemBuilder excludeCommitAuthors(boolean excludeCommitAuthors) {
        this.excludeCommitAuthors = excludeCommitAuthors;
        return this;
    }

    public CriticalSystemBuilder approvalTimeout(Duration approvalTimeout) {
        this.approvalTimeout = approvalTimeout;
        return this;
    }

    public CriticalSystemBuilder documentation(DocumentationPolicy documentation) {
        this.documentation = documentation;
        return this;
    }

    public CriticalSystemBuilder approvalRules(List<ApprovalRule> approvalRules) {
        this.approvalRules = List.copyOf(approvalRules);
        return this;
    }

    /** @param aiAssisted the rule for AI-assisted changes, or {@code null} for none */
    public CriticalSystemBuilder aiAssisted(@CheckForNull AiAssistedRule aiAssisted) {
        this.aiAssisted = aiAssisted;
        return this;
    }

    /** @param emergency the break-glass path, or {@code null} for none */
    public CriticalSystemBuilder emergency(@CheckForNull EmergencyPolicy emergency) {
        this.emergency = emergency;
        return this;
    }

    /** @param window how long after the approval gated credentials are released, or {@code null}: the rest of the build */
    public CriticalSystemBuilder credentialsReleaseWindow(@CheckForNull Duration window) {
        this.credentialsReleaseWindow = window;
        return this;
    }

    /** @param notify who is told of the system's gates ({@link NotifyTargets#NONE}: no one) */
    public CriticalSystemBuilder notifyTargets(NotifyTargets notify) {
        this.notify = Objects.requireNonNull(notify, "notify");
        return this;
    }

    public CriticalSystemBuilder jobs(List<String> jobs) {
        this.jobs = List.copyOf(jobs);
        this.jobsChecked = false;
        return this;
    }

    /** The jobs as globs already compiled (by the parser), which {@link #build()} need not compile again. */
    CriticalSystemBuilder jobPatterns(List<JobPattern> patterns) {
        String[] texts = new String[patterns.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = patterns.get(i).text();
        }
        this.jobs = List.of(texts);
        this.jobsChecked = true;
        return this;
    }

    /**
     * Builds the system.
     *
     * @throws IllegalArgumentException when the entry can never be approved or is incomplete
     */
    public CriticalSystem build() {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("system " + id + " needs a name");
        }
        if (tier < 1) {
            throw new IllegalArgumentException("system " + id + ": tier must be 1 or more");
        }
        if (approvers.isEmpty()) {
            throw new IllegalArgumentException("system " + id + " lists no approvers");
        }
        if (requiredApprovals < 1) {
            throw new IllegalArgumentException("system " + id + ": requiredApprovals must be 1 or more");
        }
        if (approvalTimeout.isNegative() || approvalTimeout.isZero()) {
            throw new IllegalArgumentException("system " + id + ": approvalTimeout must be positive");
        }
        if (credentialsReleaseWindow != null && (credentialsReleaseWindow.isNegative()
                || credentialsReleaseWindow.isZero())) {
            throw new IllegalArgumentException("system " + id + ": credentialsReleaseWindow must be positive");
        }
        for (String job : jobsChecked ? List.<String>of() : jobs) {
            JobPattern.compile(job); // throws IllegalArgumentException naming the problem
        }
        return new CriticalSystem(this);
    }
}
