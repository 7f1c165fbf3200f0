package io.jenkins.plugins.criticalchangegate.release;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One gate a build holds: its id, the system it names (as the pipeline wrote it), where it stands, when it was
 * decided (for APPROVED: the approval, from which the release window counts) and whether it is an emergency gate.
 * An immutable value.
 */
public final class BuildGate {
    private final String gateId;
    private final String system;
    private final GateStanding standing;
    @CheckForNull
    private final Instant decidedAt;
    private final boolean emergency;

    private BuildGate(String gateId, String system, GateStanding standing, @CheckForNull Instant decidedAt,
            boolean emergency) {
        this.gateId = Objects.requireNonNull(gateId, "gateId");
        this.system = Objects.requireNonNull(system, "system");
        this.standing = Objects.requireNonNull(standing, "standing");
        this.decidedAt = decidedAt;
        this.emergency = emergency;
    }

    /**
     * @param decidedAt when the gate was decided; required for APPROVED (an approval without a time cannot be held to
     *     a window, so it is refused rather than guessed), ignored otherwise
     */
    public static BuildGate of(String gateId, String system, GateStanding standing, @CheckForNull Instant decidedAt,
            boolean emergency) {
        return new BuildGate(gateId, system, standing, decidedAt, emergency);
    }

    public String gateId() {
        return gateId;
    }

    public String system() {
        return system;
    }

    public GateStanding standing() {
        return standing;
    }

    public Optional<Instant> decidedAt() {
        return Optional.ofNullable(decidedAt);
    }

    public boolean emergency() {
        return emergency;
    }

    @Override
    public String toString() {
        return (emergency ? "emergency " : "") + "gate " + gateId + " for " + system + ": " + standing
                + (decidedAt == null ? "" : " at " + decidedAt);
    }
}
