package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import io.jenkins.plugins.criticalchangegate.policy.Outcome;
import java.util.ArrayList;
import java.util.List;

/** Turns the policy's trail ({@link GateEvent}s) and outcome into what the build keeps and shows. */
public final class Trail {
    private Trail() {
    }

    /** The trail entry an event is kept as. */
    public static TrailEntry entry(GateEvent event) {
        TrailEntry.Kind kind;
        switch (event.type()) {
            case REQUESTED:
                kind = TrailEntry.Kind.REQUESTED;
                break;
            case APPROVAL_ACCEPTED:
                kind = TrailEntry.Kind.APPROVED;
                break;
            case APPROVAL_REFUSED:
            case REJECTION_REFUSED:
                kind = TrailEntry.Kind.REFUSED;
                break;
            case APPROVED:
                kind = TrailEntry.Kind.PASSED;
                break;
            case REJECTED:
                kind = TrailEntry.Kind.REJECTED;
                break;
            case EXPIRED:
                kind = TrailEntry.Kind.EXPIRED;
                break;
            case ABORTED:
                kind = TrailEntry.Kind.ABORTED;
                break;
            case HELD:
                kind = TrailEntry.Kind.HELD;
                break;
            case RELEASED:
                kind = TrailEntry.Kind.RELEASED;
                break;
            default:
                throw new IllegalArgumentException("a gate's trail has no " + event.type() + " event");
        }
        List<String> groups = new ArrayList<>();
        event.group().ifPresent(groups::add);
        StringBuilder detail = new StringBuilder();
        event.refusal().ifPresent(reason -> detail.append(reason.name()));
        event.text().ifPresent(text -> detail.append(detail.length() == 0 ? "" : ": ").append(text));
        String actor = event.user().orElse(null);
        return actor == null
                ? TrailEntry.of(kind, event.at(), null, detail.length() == 0 ? null : detail.toString())
                : TrailEntry.by(kind, event.at(), Actor.of(actor, groups), detail.length() == 0 ? null : detail.toString());
    }

    /** The status a policy outcome is kept as. */
    public static GateStatus status(Outcome outcome) {
        switch (outcome) {
            case PENDING:
                return GateStatus.PENDING;
            case HELD:
                return GateStatus.HELD;
            case APPROVED:
                return GateStatus.APPROVED;
            case REJECTED:
                return GateStatus.REJECTED;
            case EXPIRED:
                return GateStatus.EXPIRED;
            case ABORTED:
                return GateStatus.ABORTED;
            default:
                throw new IllegalArgumentException("unknown outcome " + outcome);
        }
    }
}
