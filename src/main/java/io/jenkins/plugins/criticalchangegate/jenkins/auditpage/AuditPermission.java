package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.model.Jenkins;
import jenkins.util.NonLocalizable;

/**
 * The permission that opens the audit page: {@code CriticalChangeGate/Audit} in matrix-auth's table and in
 * Configuration as Code (which name a permission by its group's title, a slash and its name), implied by
 * {@code Overall/Administer}, on Jenkins as a whole.
 *
 * <p>Core's idiom (the javadoc of {@code Permission}'s constructor): the group and the permission are static fields of
 * their owner class, this one. The saved id is the owner class's name, a dot and the name
 * ({@code io.jenkins.plugins.criticalchangegate.jenkins.auditpage.AuditPermission.Audit}), and
 * {@code Permission.fromId} loads and initialises the class by that name when matrix-auth reads its saved
 * configuration at start-up: so this class must keep its name and package. The title and description are plain
 * English ({@code NonLocalizable}): the plugin has no message bundles.
 */
public final class AuditPermission {
    /** Its title is the group's id and the first half of {@code CriticalChangeGate/Audit}. */
    public static final PermissionGroup GROUP = new PermissionGroup(AuditPermission.class,
            new NonLocalizable("CriticalChangeGate"));

    /** Opens the audit page: search, downloads, verification on the controller; never the journal's key. */
    public static final Permission AUDIT = new Permission(GROUP, "Audit", new NonLocalizable("Open the critical"
            + " change gate audit page: search the audit journal, download it as CSV, JSON or an HTML report, and"
            + " verify it on the controller. Does not give the journal's key, which only administrators download."),
            Jenkins.ADMINISTER, PermissionScope.JENKINS);

    private AuditPermission() {
    }

    /**
     * Registers the permission once plugins have started and before any configuration is read, so that matrix-auth's
     * table lists it even before anything else touched this class. A saved {@code config.xml} naming it by its id
     * loads it by itself ({@code Permission.fromId} initialises the owner class), but Configuration as Code names it
     * {@code CriticalChangeGate/Audit}, which matrix-auth's {@code PermissionFinder} looks up among the groups already
     * registered ({@code PermissionGroup.getAll()}) when JCasC applies its YAML, after {@code SYSTEM_CONFIG_LOADED}.
     * Without the {@code before} bound the reactor may run this after that and JCasC would fail on "no such
     * permission".
     */
    @Initializer(after = InitMilestone.PLUGINS_STARTED, before = InitMilestone.EXTENSIONS_AUGMENTED)
    public static void register() {
        // reading a field initialises the class, which registers the group and the permission
        if (AUDIT.getId().isEmpty()) {
            throw new IllegalStateException("the audit permission has no id");
        }
    }
}
