package io.jenkins.plugins.criticalchangegate.policy;

import java.util.Locale;

/** A reviewer's verdict on an emergency change (issue 16). */
public enum ReviewVerdict {
    /** The emergency change was right as it was; a text is optional. */
    ACCEPTED,
    /** Something must still be done (a proper change, a post-mortem...); the text, required, says what. */
    NEEDS_FOLLOW_UP;

    /** As the journal, the tool and the gate page's form write it: {@code accepted}, {@code needs-follow-up}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The verdict a label names.
     *
     * @throws IllegalArgumentException for any other text, naming the two that exist
     */
    public static ReviewVerdict of(String label) {
        for (ReviewVerdict v : values()) {
            if (v.label().equals(label.strip())) {
                return v;
            }
        }
        throw new IllegalArgumentException("a review verdict is 'accepted' or 'needs-follow-up', not '" + label + "'");
    }
}
