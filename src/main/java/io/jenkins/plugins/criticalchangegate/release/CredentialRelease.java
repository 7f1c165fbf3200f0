package io.jenkins.plugins.criticalchangegate.release;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a build may use a credential bound to a critical system now (issue 12, docs/credentials.md). Fails
 * closed: released only when every one of these holds, in this order, and the first that does not names the refusal.
 *
 * <ol>
 * <li>a registry is loaded, and it lists the credential's system (an id it does not know is refused, whatever
 * {@code unknownSystems} says: a gated credential is only ever for a critical system);</li>
 * <li>the lookup is made for a build, which is still running;</li>
 * <li>the build's job is not bound to another system ({@code jobs:} globs, as the gate resolves them);</li>
 * <li>the build holds a gate whose system resolves, as the gate resolves it for this job, to the same registry
 * system, that is APPROVED, was approved no later than now, and whose system's {@code credentialsReleaseWindow}
 * (absent: the rest of the build) has not ended: the end instant itself is inside the window.</li>
 * </ol>
 */
public final class CredentialRelease {
    private CredentialRelease() {
    }

    /**
     * @param registry the registry in force, or {@code null} when none is loaded
     */
    public static ReleaseDecision decide(@CheckForNull Registry registry, CredentialLookup lookup) {
        String id = lookup.credentialId();
        String bound = lookup.boundSystem().strip();
        String what = "gated credential '" + id + "' (bound to system '" + bound + "')";
        if (registry == null) {
            return ReleaseDecision.refused(id, bound, null, what + " is refused: no critical-systems registry is"
                    + " loaded, so no gate can have approved a change to '" + bound + "'");
        }
        Resolution resolution = registry.resolve(bound, null);
        Optional<CriticalSystem> listed = resolution.system();
        if (resolution.kind() != Resolution.Kind.CRITICAL || listed.isEmpty()) {
            return ReleaseDecision.refused(id, bound, null, what + " is refused: '" + bound + "' is not a critical"
                    + " system of the registry (" + resolution.message() + "); bind the credential to a listed id");
        }
        CriticalSystem system = listed.get();
        String name = system.id().value();
        if (!lookup.hasBuild()) {
            return ReleaseDecision.refused(id, name, null, what + " is refused: it was looked up without a build, and"
                    + " its secret is released only to a running build with an approved criticalChangeGate for "
                    + name);
        }
        String job = lookup.job().orElse("");
        String build = "'" + job + "' #" + lookup.build();
        if (!lookup.running()) {
            return ReleaseDecision.refused(id, name, null, what + " is refused: build " + build + " has finished;"
                    + " gated credentials are released only while the approved build runs");
        }
        Resolution forJob = registry.resolve(bound, job);
        if (forJob.kind() != Resolution.Kind.CRITICAL) {
            return ReleaseDecision.refused(id, name, null, what + " is refused: " + forJob.message());
        }
        List<BuildGate> forSystem = new ArrayList<>();
        for (BuildGate gate : lookup.gates()) {
            if (sameSystem(registry, gate.system(), job, system)) {
                forSystem.add(gate);
            }
        }
        String missing = what + " is refused: no approved criticalChangeGate for " + name + " in this build";
        Optional<Duration> window = system.credentialsReleaseWindow();
        Instant now = lookup.at();
        BuildGate windowEnded = null;
        for (BuildGate gate : forSystem) {
            if (gate.standing() != GateStanding.APPROVED || gate.decidedAt().isEmpty()
                    || gate.decidedAt().get().isAfter(now)) {
                continue;
            }
            Instant approved = gate.decidedAt().get();
            if (window.isPresent() && now.isAfter(approved.plus(window.get()))) {
                windowEnded = gate;
                continue;
            }
            return ReleaseDecision.released(id, name, gate, "gated credential '" + id + "' released to build "
                    + build + " by the " + (gate.emergency() ? "emergency " : "") + "approved criticalChangeGate "
                    + gate.gateId() + " for " + name + (window.map(w -> " (release window " + w + " from "
                    + approved + ")").orElse("")));
        }
        if (windowEnded != null) {
            Instant approved = windowEnded.decidedAt().orElseThrow();
            return ReleaseDecision.refused(id, name, windowEnded, missing + ": gate " + windowEnded.gateId()
                    + " was approved at " + approved + ", and its credentialsReleaseWindow of " + window.get()
                    + " ended at " + approved.plus(window.get()));
        }
        for (BuildGate gate : forSystem) {
            if (gate.emergency() && !isFinal(gate.standing())) {
                return ReleaseDecision.refused(id, name, gate, missing + ": emergency-pending: the emergency gate "
                        + gate.gateId() + " is not approved yet");
            }
        }
        if (forSystem.isEmpty()) {
            return ReleaseDecision.refused(id, name, null, missing);
        }
        BuildGate last = forSystem.get(forSystem.size() - 1);
        String standing = last.standing() == GateStanding.APPROVED
                ? "APPROVED only at " + last.decidedAt().map(Instant::toString).orElse("an unknown time")
                : last.standing().name();
        return ReleaseDecision.refused(id, name, last, missing + ": gate " + last.gateId() + " is " + standing);
    }

    /** Whether the gate names the same registry system, as the gate would resolve it for this job. */
    private static boolean sameSystem(Registry registry, String gateSystem, String job, CriticalSystem system) {
        Resolution r = registry.resolve(gateSystem, job);
        return r.kind() == Resolution.Kind.CRITICAL
                && r.system().map(s -> s.id().equals(system.id())).orElse(false);
    }

    private static boolean isFinal(GateStanding standing) {
        return standing != GateStanding.PENDING && standing != GateStanding.HELD;
    }
}
