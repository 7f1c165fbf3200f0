package io.jenkins.plugins.criticalchangegate.registry.source;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** A source could not deliver the registry's text; the message names the source and the problem, never a secret. */
public final class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, @CheckForNull Throwable cause) {
        super(message, cause);
    }
}
