package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import hudson.security.Permission;

/**
 * The answer to a report asked of a journal that does not verify: why, and the link to the report marked unverified
 * on every page (as {@code audit report --allow-unverified} renders it). Immutable; Jenkins-free.
 */
public final class UnverifiedReport {
    private final String verification;
    private final String queryString;

    UnverifiedReport(String verification, String queryString) {
        this.verification = verification;
        this.queryString = queryString;
    }

    public String getDisplayName() {
        return "The audit journal does not verify";
    }

    /** What the page's layout checks: the audit permission (the view is reached only through the audit page). */
    public Permission getPermission() {
        return AuditPermission.AUDIT;
    }

    /** The verification's result, as {@code audit verify} prints it. */
    public String getVerification() {
        return verification;
    }

    /** The link to the report marked unverified, relative to the audit page. */
    public String getUnverifiedLink() {
        return "report?" + (queryString.isEmpty() ? "" : queryString + "&") + "allowUnverified=true";
    }
}
