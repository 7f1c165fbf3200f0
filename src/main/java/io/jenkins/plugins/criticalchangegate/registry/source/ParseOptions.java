package io.jenkins.plugins.criticalchangegate.registry.source;

import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.time.Duration;
import java.util.Objects;

/** The parse settings an administrator sets globally for every registry this Jenkins loads. Immutable. */
public final class ParseOptions {
    private static final ParseOptions DEFAULTS = new ParseOptions(RegistryParser.maxApprovalTimeout());

    private final Duration maxApprovalTimeout;

    private ParseOptions(Duration maxApprovalTimeout) {
        this.maxApprovalTimeout = maxApprovalTimeout;
    }

    /** The format's own limits: an approvalTimeout of up to 365d. */
    public static ParseOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The longest approvalTimeout a registry may ask for; a registry asking for more does not load.
     *
     * @throws IllegalArgumentException unless it is a whole number of minutes, at least one, and at most 365d
     */
    public ParseOptions withMaxApprovalTimeout(Duration maximum) {
        if (maximum.compareTo(Duration.ofMinutes(1)) < 0
                || maximum.compareTo(RegistryParser.maxApprovalTimeout()) > 0
                || maximum.toSeconds() % 60 != 0 || maximum.getNano() != 0) {
            throw new IllegalArgumentException("the maximum approval timeout must be a whole number of minutes between"
                    + " 1 minute and 365 days, not " + maximum);
        }
        return new ParseOptions(maximum);
    }

    public Duration maxApprovalTimeout() {
        return maxApprovalTimeout;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParseOptions && ((ParseOptions) o).maxApprovalTimeout.equals(maxApprovalTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxApprovalTimeout);
    }

    @Override
    public String toString() {
        return "ParseOptions[maxApprovalTimeout=" + maxApprovalTimeout + "]";
    }
}
