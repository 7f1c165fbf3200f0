package io.jenkins.plugins.criticalchangegate.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.AuditEventType;
import io.jenkins.plugins.criticalchangegate.audit.JournalRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The records of one gate (one change asked for by one build: {@code job}, {@code build}, {@code system},
 * {@code changeId}), sorted by what they say: the request, the documentation checks, approvals, refused attempts, the
 * decision, and what followed it (attestations, credential releases, the emergency review). Built by
 * {@link ReportData} in journal order; read-only once the journal has been read.
 */
public final class ChangeRecords {
    private final String job;
    private final String build;
    private final String system;
    private final String changeId;
    @CheckForNull
    private JournalRecord request;
    @CheckForNull
    private JournalRecord decision;
    private final List<JournalRecord> documentation = new ArrayList<>();
    private final List<JournalRecord> approvals = new ArrayList<>();
    private final List<JournalRecord> refused = new ArrayList<>();
    /** Rejections, holds, releases, expiries: the other steps of the gate, in order. */
    private final List<JournalRecord> steps = new ArrayList<>();
    private final List<JournalRecord> attestations = new ArrayList<>();
    private final List<JournalRecord> credentials = new ArrayList<>();
    private final List<JournalRecord> reviews = new ArrayList<>();

    ChangeRecords(String job, String build, String system, String changeId) {
        this.job = job;
        this.build = build;
        this.system = system;
        this.changeId = changeId;
    }

    /** The key that groups a record into its gate: the four gate fields, ids compared ignoring case. */
    static String key(JournalRecord r) {
        return buildKey(r) + "\n" + r.text("changeId").strip().toLowerCase(Locale.ROOT);
    }

    /** The build and system of a record: what a credentials record (which has no change id) shares with its gate. */
    static String buildKey(JournalRecord r) {
        return r.text("job").strip().toLowerCase(Locale.ROOT) + "\n" + r.text("build") + "\n"
                + r.text("system").strip().toLowerCase(Locale.ROOT);
    }

    void add(JournalRecord r) {
        switch (r.type()) {
            case GATE_REQUESTED:
                request = r;
                break;
            case NOT_CRITICAL:
                request = request == null ? r : request;
                decision = r;
                break;
            case DECIDED:
                decision = r;
                break;
            case DOCUMENTATION_CHECKED:
                documentation.add(r);
                break;
            case APPROVAL_ACCEPTED:
                approvals.add(r);
                break;
            case APPROVAL_REFUSED:
                refused.add(r);
                break;
            case ATTESTED:
                attestations.add(r);
                break;
            case CREDENTIALS_RELEASED:
            case CREDENTIALS_REFUSED:
                credentials.add(r);
                break;
            case EMERGENCY_REVIEWED:
            case EMERGENCY_REVIEW_REFUSED:
                reviews.add(r);
                break;
            default:
                steps.add(r);
        }
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

    public Optional<JournalRecord> request() {
        return Optional.ofNullable(request);
    }

    public Optional<JournalRecord> decision() {
        return Optional.ofNullable(decision);
    }

    /** {@code APPROVED}, {@code REJECTED}, ... from the decision; {@code PENDING} while there is none. */
    public String outcome() {
        if (decision == null) {
            return "PENDING";
        }
        String outcome = decision.text("outcome");
        return outcome.isEmpty() ? decision.type().name() : outcome;
    }

    /** Whether any of its records marks it an emergency (break-glass) change (issue 16). */
    public boolean emergency() {
        return isEmergency(request) || isEmergency(decision);
    }

    private static boolean isEmergency(@CheckForNull JournalRecord r) {
        return r != null && Boolean.TRUE.equals(r.fields().get("emergency"));
    }

    /** The incident an emergency change names; empty for a usual change. */
    public String incidentId() {
        String fromDecision = decision == null ? "" : decision.text("incidentId");
        return fromDecision.isEmpty() && request != null ? request.text("incidentId") : fromDecision;
    }

    /** When the gate was first asked for: its request, or its first record. */
    public Instant requestedAt() {
        return request != null ? request.time() : first().time();
    }

    private JournalRecord first() {
        List<JournalRecord> all = new ArrayList<>();
        all.addAll(documentation);
        all.addAll(approvals);
        all.addAll(refused);
        all.addAll(steps);
        if (decision != null) {
            all.add(decision);
        }
        all.addAll(attestations);
        all.addAll(credentials);
        all.addAll(reviews);
        return all.stream().min((a, b) -> Long.compare(a.seq(), b.seq())).orElseThrow();
    }

    /** From request to decision, when both are in the journal (and the gate was not decided at once). */
    public Optional<Duration> timeToDecision() {
        if (request == null || decision == null || decision.type() != AuditEventType.DECIDED) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(request.time(), decision.time()));
    }

    public List<JournalRecord> documentation() {
        return Collections.unmodifiableList(documentation);
    }

    public List<JournalRecord> approvals() {
        return Collections.unmodifiableList(approvals);
    }

    public List<JournalRecord> refused() {
        return Collections.unmodifiableList(refused);
    }

    public List<JournalRecord> steps() {
        return Collections.unmodifiableList(steps);
    }

    public List<JournalRecord> attestations() {
        return Collections.unmodifiableList(attestations);
    }

    public List<JournalRecord> credentials() {
        return Collections.unmodifiableList(credentials);
    }

    public List<JournalRecord> reviews() {
        return Collections.unmodifiableList(reviews);
    }
}
