package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A system's break-glass path (registry key {@code emergency}, issue 16): who may approve an emergency change and how
 * many of them, what an incident id must look like, and who must review the change afterwards and within what time.
 * A system without one has no emergency path. An immutable value; serializable because a paused gate keeps the
 * policy it started with across restarts.
 */
public final class EmergencyPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The longest incident id accepted: it is journaled and shown on the gate page. */
    public static final int MAX_INCIDENT_LENGTH = 200;

    private final List<ApproverRef> approvers;
    private final int requiredApprovals;
    /** As written; {@code null} when any incident id is accepted. Kept as text: compiled when used. */
    @CheckForNull
    private final String incidentPattern;
    private final Duration reviewWithin;
    private final List<ApproverRef> reviewers;

    /**
     * @param approvers who may approve an emergency change (groups and {@code user:<id>}), not empty
     * @param requiredApprovals how many distinct people must, at least 1
     * @param incidentPattern a regular expression the whole incident id must match, or {@code null} for any id
     * @param reviewWithin how long after the approval the review is due, positive
     * @param reviewers who may review the change afterwards, not empty
     * @throws IllegalArgumentException when a value breaks these rules, naming it
     */
    public EmergencyPolicy(List<ApproverRef> approvers, int requiredApprovals, @CheckForNull String incidentPattern,
            Duration reviewWithin, List<ApproverRef> reviewers) {
        if (approvers.isEmpty()) {
            throw new IllegalArgumentException("emergency.approvers must list at least one group or user");
        }
        if (requiredApprovals < 1) {
            throw new IllegalArgumentException("emergency.requiredApprovals must be at least 1, not "
                    + requiredApprovals);
        }
        if (reviewWithin.isZero() || reviewWithin.isNegative()) {
            throw new IllegalArgumentException("emergency.reviewWithin must be positive, not " + reviewWithin);
        }
        if (reviewers.isEmpty()) {
            throw new IllegalArgumentException("emergency.reviewers must list at least one group or user: an"
                    + " emergency path without reviewers would never be reviewed");
        }
        if (incidentPattern != null) {
            compile(incidentPattern); // throws PatternSyntaxException, an IllegalArgumentException
        }
        this.approvers = List.copyOf(approvers);
        this.requiredApprovals = requiredApprovals;
        this.incidentPattern = incidentPattern;
        this.reviewWithin = reviewWithin;
        this.reviewers = List.copyOf(reviewers);
    }

    static Pattern compile(String regex) throws PatternSyntaxException {
        return Pattern.compile(regex);
    }

    public List<ApproverRef> approvers() {
        return approvers;
    }

    public int requiredApprovals() {
        return requiredApprovals;
    }

    /** The pattern an incident id must match in full, as written; empty when any non-blank id will do. */
    public Optional<String> incidentPattern() {
        return Optional.ofNullable(incidentPattern);
    }

    public Duration reviewWithin() {
        return reviewWithin;
    }

    /** {@link #reviewWithin()} as the registry writes it: {@code 24h}, {@code 90m}, {@code 2d}. */
    public String reviewWithinText() {
        return DurationReader.durationText(reviewWithin);
    }

    public List<ApproverRef> reviewers() {
        return reviewers;
    }

    /**
     * Why an incident id is refused, or empty when it is accepted: an emergency always needs one (not blank, no
     * control characters, at most {@value #MAX_INCIDENT_LENGTH} characters), and the pattern, when there is one,
     * must match all of it.
     */
    public Optional<String> incidentRefusal(@CheckForNull String incidentId) {
        if (incidentId == null || incidentId.isBlank()) {
            return Optional.of("an emergency change needs an incident id (incidentId), e.g. INC-4711");
        }
        String id = incidentId.strip();
        Optional<String> shape = incidentShapeProblem(id);
        if (shape.isPresent()) {
            return shape.map(problem -> "the incident id " + problem);
        }
        if (incidentPattern != null && !compile(incidentPattern).matcher(id).matches()) {
            return Optional.of("incident id '" + id + "' does not match the registry's emergency.incidentPattern '"
                    + incidentPattern + "'");
        }
        return Optional.empty();
    }

    /**
     * What is wrong with an incident id whatever the registry says (longer than {@value #MAX_INCIDENT_LENGTH}
     * characters, a control character), or empty: the step checks this when it reads the Jenkinsfile, before any
     * registry is read, and {@link #incidentRefusal} again when the gate opens.
     *
     * @return the problem, to follow the id's name ("must be at most ...")
     */
    public static Optional<String> incidentShapeProblem(String id) {
        if (id.length() > MAX_INCIDENT_LENGTH) {
            return Optional.of("must be at most " + MAX_INCIDENT_LENGTH + " characters, got " + id.length());
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of(String.format(Locale.ROOT, "must not contain control characters; it has the"
                        + " control character \\u%04x (at offset %d)", (int) c, i));
            }
        }
        return Optional.empty();
    }

    /** In words, for the trail and the build log. */
    public String describe() {
        return requiredApprovals + " emergency approval(s) from: " + names(approvers) + "; review within "
                + DurationReader.durationText(reviewWithin) + " by: " + names(reviewers);
    }

    static String names(List<ApproverRef> refs) {
        StringJoiner who = new StringJoiner(", ");
        for (ApproverRef ref : refs) {
            who.add(ref.isUser() ? "user " + ref.name() : "group " + ref.name());
        }
        return who.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EmergencyPolicy)) {
            return false;
        }
        EmergencyPolicy that = (EmergencyPolicy) o;
        return approvers.equals(that.approvers) && requiredApprovals == that.requiredApprovals
                && Objects.equals(incidentPattern, that.incidentPattern) && reviewWithin.equals(that.reviewWithin)
                && reviewers.equals(that.reviewers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(approvers, requiredApprovals, incidentPattern, reviewWithin, reviewers);
    }

    @Override
    public String toString() {
        return "EmergencyPolicy{" + describe() + (incidentPattern == null ? "" : ", incident " + incidentPattern)
                + "}";
    }
}
