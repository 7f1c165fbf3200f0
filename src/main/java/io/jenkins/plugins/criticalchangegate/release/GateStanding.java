package io.jenkins.plugins.criticalchangegate.release;

/**
 * Where one gate of a build stands, as the credential release sees it: the statuses Jenkins keeps with the build
 * ({@code jenkins.facts.GateStatus}), restated here so the decision depends on no adapter. Only APPROVED releases.
 */
public enum GateStanding {
    PENDING,
    HELD,
    APPROVED,
    REJECTED,
    EXPIRED,
    ABORTED,
    DOCUMENTATION_REFUSED,
    NOT_CRITICAL
}
