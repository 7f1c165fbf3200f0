package io.jenkins.plugins.criticalchangegate.report;

import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One gate in a list of gates ({@link GateListing}): which build asked, for which system and change, how it ended,
 * when it was asked for and decided, and who approved. Immutable.
 */
public final class GateRow {
    private final String job;
    private final String build;
    private final String system;
    private final String changeId;
    private final String outcome;
    private final Instant requested;
    private final Optional<Instant> decided;
    private final List<String> approvers;
    private final long firstSeq;

    private GateRow(ChangeRecords c) {
        this.job = c.job();
        this.build = c.build();
        this.system = c.system();
        this.changeId = c.changeId();
        this.outcome = c.outcome();
        this.requested = c.requestedAt();
        this.decided = c.decision().map(JournalRecord::time);
        List<String> who = new ArrayList<>();
        for (JournalRecord approval : c.approvals()) {
            String user = approval.text("user");
            if (!user.isEmpty() && !who.contains(user)) {
                who.add(user);
            }
        }
        this.approvers = Collections.unmodifiableList(who);
        this.firstSeq = c.request().map(JournalRecord::seq).orElse(0L);
    }

    static GateRow of(ChangeRecords c) {
        return new GateRow(c);
    }

    public String job() {
        return job;
    }

    public String build() {
        return build;
    }

    public String system() {
        return system;
    }

    public String changeId() {
        return changeId;
    }

    /** {@code APPROVED}, {@code REJECTED}, ... or {@code PENDING} while undecided. */
    public String outcome() {
        return outcome;
    }

    public Instant requested() {
        return requested;
    }

    public Optional<Instant> decided() {
        return decided;
    }

    /** Who approved, in the order they did, each once. */
    public List<String> approvers() {
        return approvers;
    }

    /** The value of the {@code gate} filter that selects this gate's records: {@code JOB#BUILD}. */
    public String gateFilter() {
        return job + "#" + build;
    }

    long firstSeq() {
        return firstSeq;
    }
}
