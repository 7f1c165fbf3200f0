package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry says about the system a pipeline names: critical (with its policy), not critical (the change
 * passes at once), or denied (the gate fails the build, with a message naming the names involved).
 */
public final class Resolution {
    /** The three answers. */
    public enum Kind {
        /** A listed system: the gate applies its policy. */
        CRITICAL,
        /** Not listed and {@code unknownSystems: allow}: the change passes at once. */
        NOT_CRITICAL,
        /** The gate must fail: a job bound to another system, a near-miss of a listed id, or an unknown system
         *  under {@code unknownSystems: deny}. */
        DENIED
    }

    private final Kind kind;
    @CheckForNull
    private final CriticalSystem system;
    private final String message;

    private Resolution(Kind kind, @CheckForNull CriticalSystem system, String message) {
        this.kind = kind;
        this.system = system;
        this.message = message;
    }

    static Resolution critical(CriticalSystem system, String message) {
        return new Resolution(Kind.CRITICAL, Objects.requireNonNull(system), message);
    }

    static Resolution notCritical(String message) {
        return new Resolution(Kind.NOT_CRITICAL, null, message);
    }

    static Resolution denied(String message) {
        return new Resolution(Kind.DENIED, null, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The system whose policy applies; present exactly when {@link #kind()} is CRITICAL. */
    public Optional<CriticalSystem> system() {
        return Optional.ofNullable(system);
    }

    /** A sentence for the build log or the tool: why this answer (for DENIED, the names and any "did you mean"). */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
