package io.jenkins.plugins.criticalchangegate.jenkins.inbox;

import io.jenkins.plugins.criticalchangegate.inbox.DecidedGate;
import io.jenkins.plugins.criticalchangegate.notify.GateLinks;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** A recently decided gate on the inbox page and in {@code api/json}. An immutable value. */
@ExportedBean(defaultVisibility = 2)
public final class DecidedRow {
    private final DecidedGate decided;

    DecidedRow(DecidedGate decided) {
        this.decided = decided;
    }

    @Exported
    public String getSystem() {
        return decided.gate().system();
    }

    @Exported
    public String getChangeId() {
        return decided.gate().changeId();
    }

    @Exported
    public String getJob() {
        return decided.gate().job();
    }

    @Exported
    public long getBuild() {
        return decided.gate().build();
    }

    /** The gate page, relative to Jenkins' root URL. */
    @Exported
    public String getGateUrl() {
        return GateLinks.relative(decided.gate().job(), decided.gate().build()).gateUrl();
    }

    /** {@code APPROVED}, {@code REJECTED}, {@code EXPIRED}, {@code ABORTED}. */
    @Exported
    public String getOutcome() {
        return decided.outcome();
    }

    @Exported
    public String getDecidedAt() {
        return decided.decidedAt().toString();
    }

    @Exported
    public List<String> getApprovers() {
        return decided.approvers();
    }
}
