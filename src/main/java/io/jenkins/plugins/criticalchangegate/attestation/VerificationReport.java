package io.jenkins.plugins.criticalchangegate.attestation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link EnvelopeVerifier} found: every check it made, in order. Verified only when there is at least one check
 * and all passed; a check that could not be made (no statement to read) is a failed one, never a skipped one.
 */
public final class VerificationReport {
    private final List<CheckResult> results;
    @CheckForNull
    private final Statement statement;

    VerificationReport(List<CheckResult> results, @CheckForNull Statement statement) {
        this.results = List.copyOf(results);
        this.statement = statement;
    }

    public List<CheckResult> results() {
        return results;
    }

    public boolean verified() {
        return !results.isEmpty() && results.stream().allMatch(CheckResult::passed);
    }

    /** The checks that failed, in order. */
    public List<CheckResult> failures() {
        List<CheckResult> failed = new ArrayList<>();
        for (CheckResult r : results) {
            if (!r.passed()) {
                failed.add(r);
            }
        }
        return failed;
    }

    /** Whether the given check failed. */
    public boolean failed(Check check) {
        return results.stream().anyMatch(r -> r.check() == check && !r.passed());
    }

    /**
     * The statement, read from the payload bytes the signature covers, only when everything verified: a caller never
     * acts on an unverified statement.
     */
    public Optional<Statement> statement() {
        return verified() ? Optional.ofNullable(statement) : Optional.empty();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (CheckResult r : results) {
            b.append(r).append('\n');
        }
        return b.toString();
    }
}
