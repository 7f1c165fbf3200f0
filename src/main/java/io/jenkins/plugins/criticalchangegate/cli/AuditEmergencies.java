package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import io.jenkins.plugins.criticalchangegate.audit.EmergencyReviews;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code audit emergencies JOURNAL [--overdue] [--at INSTANT]}: the journal's emergency (break-glass) approvals and
 * their reviews as a JSON array (issue 16, docs/usage.md). Reads the journal as {@code audit export} does: a line
 * that is not a record is an error, and the chain is not verified (run {@code audit verify} for that).
 */
final class AuditEmergencies {
    static final String USAGE = "       audit emergencies DIR [--overdue] [--at ISO-8601]";
    static final String HELP = String.join("\n",
            "  emergencies  prints the emergency (break-glass) approvals of the journal as a JSON array, each with",
            "          system, changeId, incidentId, approvedAt, reviewDue, review (null, or reviewer, verdict,",
            "          text, at), overdue, job, build, gateId, approvers, reviewers. --overdue keeps those not",
            "          reviewed whose review was due before --at (default: now). Exit 0, or 1 when the journal",
            "          cannot be read.");

    private AuditEmergencies() {
    }

    static int run(List<String> args, Console console) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of("at"), Set.of("overdue"));
        Path dir = JournalDirectory.existing(parsed, console);
        Instant at = AuditCommand.time("at", parsed.option("at"));
        Instant now = at != null ? at : Instant.now();
        EmergencyReviews reviews;
        try {
            reviews = EmergencyReviews.read(dir);
        } catch (IOException e) {
            console.err().println("error: cannot read the emergencies of the journal in " + ControlCharacters.escape(String.valueOf(dir)) + ": "
                    + e.getMessage());
            return ExitCode.FAILED;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (EmergencyReviews.Entry entry : parsed.flag("overdue") ? reviews.overdue(now) : reviews.all()) {
            out.add(entry.json(now));
        }
        JsonOutput.printArray(console.out(), out);
        console.err().println(reviews.all().size() + " emergency approval(s), " + reviews.open().size()
                + " not reviewed, " + reviews.overdue(now).size() + " overdue at " + now);
        return ExitCode.OK;
    }
}
