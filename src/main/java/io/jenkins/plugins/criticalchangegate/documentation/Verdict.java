package io.jenkins.plugins.criticalchangegate.documentation;

/** The outcome of a documentation check; the {@link Reason} says why. */
public enum Verdict {
    VERIFIED,
    REFUSED
}
