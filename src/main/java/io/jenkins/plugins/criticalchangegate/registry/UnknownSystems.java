package io.jenkins.plugins.criticalchangegate.registry;

/** What the gate does for a system the registry does not list ({@code unknownSystems:}). */
public enum UnknownSystems {
    /** The change passes at once, as for any system that is not critical. */
    ALLOW,
    /** The gate denies the change: only listed systems may be deployed through it. */
    DENY
}
