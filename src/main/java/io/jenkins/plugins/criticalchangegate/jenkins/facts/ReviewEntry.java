package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.Objects;

/**
 * The accepted review of an approved emergency gate (issue 16), as the gate record keeps it in build.xml: who, the
 * verdict as the journal writes it ({@code accepted}, {@code needs-follow-up}), the text, and when. Refused reviews
 * are journaled only: they change nothing on the gate.
 */
public final class ReviewEntry {
    private final String reviewer;
    private final String verdict;
    @CheckForNull
    private final String text;
    private final long atMillis;

    public ReviewEntry(String reviewer, String verdict, @CheckForNull String text, Instant at) {
        this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.text = text;
        this.atMillis = at.toEpochMilli();
    }

    public String getReviewer() {
        return reviewer;
    }

    /** {@code accepted} or {@code needs-follow-up}. */
    public String getVerdict() {
        return verdict;
    }

    @CheckForNull
    public String getText() {
        return text;
    }

    public Instant at() {
        return Instant.ofEpochMilli(atMillis);
    }

    @Override
    public String toString() {
        return "reviewed by " + reviewer + " at " + at() + ": " + verdict + (text == null ? "" : " (" + text + ")");
    }
}
