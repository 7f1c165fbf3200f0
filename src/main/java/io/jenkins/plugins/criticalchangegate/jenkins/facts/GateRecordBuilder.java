package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The request part of a {@link GateRecord}: what the build asked for and under which requirement, before anything
 * happened at the gate. Its own class so that the record (which Jenkins keeps in build.xml) stays one screenful of
 * state and copies.
 */
public final class GateRecordBuilder {
    final String gateId;
    final String system;
    String systemName;
    @CheckForNull
    String changeId;
    @CheckForNull
    String message;
    @CheckForNull
    String documentationUrl;
    String requirement = "";
    int requiredApprovals;
    long requestedAtMillis;
    long dueAtMillis;
    List<String> startedBy = List.of();
    List<String> commitAuthors = List.of();
    @CheckForNull
    String aiAssisted;
    List<String> overlays = List.of();
    List<SubjectEntry> subjects = List.of();
    @CheckForNull
    EmergencyEntry emergency;

    GateRecordBuilder(String gateId, String system) {
        if (!GateRecord.isValidGateId(gateId)) {
            throw new IllegalArgumentException("invalid gate id '" + gateId + "'");
        }
        this.gateId = gateId;
        this.system = system;
        this.systemName = system;
    }

    public GateRecordBuilder systemName(String name) {
        this.systemName = name;
        return this;
    }

    public GateRecordBuilder changeId(@CheckForNull String id) {
        this.changeId = id;
        return this;
    }

    public GateRecordBuilder message(@CheckForNull String text) {
        this.message = text;
        return this;
    }

    public GateRecordBuilder documentationUrl(@CheckForNull String url) {
        this.documentationUrl = url;
        return this;
    }

    public GateRecordBuilder requirement(String text, int approvals) {
        this.requirement = text;
        this.requiredApprovals = approvals;
        return this;
    }

    public GateRecordBuilder requested(Instant at, Deadline deadline) {
        this.requestedAtMillis = at.toEpochMilli();
        this.dueAtMillis = deadline.dueAtMillis();
        return this;
    }

    public GateRecordBuilder startedBy(Collection<String> ids) {
        this.startedBy = new ArrayList<>(ids);
        return this;
    }

    public GateRecordBuilder commitAuthors(Collection<String> ids) {
        this.commitAuthors = new ArrayList<>(ids);
        return this;
    }

    /**
     * What shaped the requirement: why the stricter AI-assisted rule applied ({@code null} when it did not), and
     * the overlays in force.
     */
    public GateRecordBuilder applied(@CheckForNull String aiAssistedWhy, Collection<String> overlayNames) {
        this.aiAssisted = aiAssistedWhy;
        this.overlays = new ArrayList<>(overlayNames);
        return this;
    }

    /** What the approval is about: the artifacts (name, SHA-256) the build named, or the commits it builds. */
    public GateRecordBuilder subjects(Collection<SubjectEntry> entries) {
        this.subjects = new ArrayList<>(entries);
        return this;
    }

    /**
     * An emergency (break-glass) gate, issue 16: its incident, and the review it opens once approved (within how long,
     * by whom, as the registry said when the gate was requested).
     */
    public GateRecordBuilder emergency(String incident, Duration reviewWithin, Collection<String> reviewerNames) {
        this.emergency = new EmergencyEntry(incident, reviewWithin.toMillis(), new ArrayList<>(reviewerNames));
        return this;
    }

    public GateRecord build() {
        return new GateRecord(this, List.of(), Map.of(), GateStatus.PENDING, null, null);
    }
}
