package io.jenkins.plugins.criticalchangegate.policy;

import java.io.Serializable;
import java.time.Instant;

/** An approval or rejection that was refused: who, what they tried, why (a reason code and a sentence), when. */
public final class RefusedAttempt implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What the person tried. */
    public enum Action {
        APPROVE, REJECT
    }

    private final String user;
    private final Action action;
    private final RefusalReason reason;
    private final String detail;
    private final Instant at;

    RefusedAttempt(String user, Action action, RefusalReason reason, String detail, Instant at) {
        this.user = user;
        this.action = action;
        this.reason = reason;
        this.detail = detail;
        this.at = at;
    }

    public String user() {
        return user;
    }

    public Action action() {
        return action;
    }

    public RefusalReason reason() {
        return reason;
    }

    /** A sentence for the person and the build log. */
    public String detail() {
        return detail;
    }

    public Instant at() {
        return at;
    }

    @Override
    public String toString() {
        return user + " " + action + " refused " + reason + " at " + at + ": " + detail;
    }
}
