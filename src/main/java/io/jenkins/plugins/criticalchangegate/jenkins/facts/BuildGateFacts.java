package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import io.jenkins.plugins.criticalchangegate.release.BuildGate;
import io.jenkins.plugins.criticalchangegate.release.GateStanding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The build's gates as the credential release sees them: each record's system, status (GateStatus restated as
 * {@link GateStanding}, name for name) and, for an approved gate, the time of its decision (the trail's PASSED entry,
 * the instant the quorum was reached), from which the system's {@code credentialsReleaseWindow} counts.
 */
public final class BuildGateFacts {
    private BuildGateFacts() {
    }

    public static BuildGate of(GateRecord record) {
        Instant decided = null;
        for (TrailEntry entry : record.getTrail()) {
            if (entry.getKind() == TrailEntry.Kind.PASSED) {
                decided = entry.at();
            }
        }
        // an emergency gate's release is marked so; a pending one is "emergency-pending" (CredentialRelease)
        return BuildGate.of(record.getGateId(), record.getSystem(), standing(record.getStatus()), decided,
                record.getEmergency() != null);
    }

    public static List<BuildGate> of(List<GateRecord> records) {
        List<BuildGate> gates = new ArrayList<>();
        for (GateRecord record : records) {
            gates.add(of(record));
        }
        return gates;
    }

    /** The same name: a status without a standing fails here (and in BuildGateFactsTest), never silently releases. */
    public static GateStanding standing(GateStatus status) {
        return GateStanding.valueOf(status.name());
    }
}
