package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyRecords;
import io.jenkins.plugins.criticalchangegate.jenkins.audit.GateJournal;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.StepResult;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The answer a step gives without a gate: the system is not critical (it passes), or the registry denies the change
 * (it fails). Decided on the CPS VM thread in {@code start()}, but given only once the journal recorded it, on the
 * plugin's pool: so the execution keeps it (in program.dat) until then, and a restart in between gives it again
 * ({@code onResume}) rather than leaving the build waiting for nothing. The journal record may then be written twice:
 * at least once is what an audit needs.
 */
final class ImmediateAnswer implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(ImmediateAnswer.class.getName());

    private final boolean denied;
    private final String job;
    private final int build;
    private final String system;
    @CheckForNull
    private final String changeId;
    /** Not critical: who started the build; denied: the registry's reason. */
    private final String detail;
    /**
     * The incident of a denied emergency request (issue 16), so that its DECIDED record says {@code emergency} and
     * {@code incidentId}; null otherwise (and in an answer kept in program.dat before the field existed).
     */
    @CheckForNull
    private final String incidentId;

    private ImmediateAnswer(boolean denied, String job, int build, String system, @CheckForNull String changeId,
            String detail, @CheckForNull String incidentId) {
        this.denied = denied;
        this.job = job;
        this.build = build;
        this.system = system;
        this.changeId = changeId;
        this.detail = detail;
        this.incidentId = incidentId;
    }

    static ImmediateAnswer notCritical(String job, int build, String system, @CheckForNull String changeId,
            @CheckForNull String starter) {
        return new ImmediateAnswer(false, job, build, system, changeId, starter == null ? "unknown" : starter,
                null);
    }

    /**
     * @param incidentId the incident of an emergency request (its DECIDED record is marked so), or {@code null}
     */
    static ImmediateAnswer denied(String job, int build, String system, @CheckForNull String changeId,
            String reason, @CheckForNull String incidentId) {
        return new ImmediateAnswer(true, job, build, system, changeId, reason, incidentId);
    }

    boolean isDenied() {
        return denied;
    }

    /** The registry's reason for a denial. */
    String reason() {
        return detail;
    }

    /**
     * Journals this answer, then gives it: the change passes, or fails with the registry's reason. A journal that
     * cannot record a pass fails it instead (fail closed); a denial fails anyway, with the journal's failure attached.
     */
    void give(StepCompleter completer, UnaryOperator<AuditEvent> withRegistry) {
        IOException journalFailure = null;
        try {
            GateJournal.get().append(withRegistry.apply(event()));
        } catch (IOException e) {
            journalFailure = e;
        } catch (RuntimeException e) {
            journalFailure = new IOException(e.getMessage(), e);
        }
        if (denied) {
            AbortException denial = new AbortException(CriticalChangeGateExecution.LOG_PREFIX
                    + "the registry denies this change: " + detail);
            if (journalFailure != null) {
                LOGGER.log(Level.WARNING, "the audit journal could not record a denied gate", journalFailure);
                denial.addSuppressed(journalFailure);
            }
            completer.fail(denial);
        } else if (journalFailure != null) {
            completer.fail(StepCompleter.aborted("the audit journal could not record that " + system + " is not"
                    + " critical, so the change does not pass: " + journalFailure.getMessage(), journalFailure));
        } else {
            completer.succeed(StepResult.notCritical(system, changeId));
        }
    }

    /**
     * The journal record: NOT_CRITICAL, or a DECIDED record with outcome DENIED (as the simulate command writes),
     * marked {@code emergency} with its {@code incidentId} for an emergency request.
     */
    AuditEvent event() {
        if (!denied) {
            return AuditEvent.notCritical(job, build, system, changeId, detail);
        }
        AuditEvent decided = AuditEvent.decided(job, build, system, changeId == null ? "" : changeId, "DENIED",
                List.of(), detail);
        String incident = incidentId;
        return incident == null ? decided : EmergencyRecords.denied(decided, incident);
    }
}
