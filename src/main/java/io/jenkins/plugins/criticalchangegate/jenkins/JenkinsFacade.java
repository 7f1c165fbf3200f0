package io.jenkins.plugins.criticalchangegate.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.init.InitMilestone;
import hudson.model.Item;
import hudson.security.Permission;
import java.io.File;
import java.util.function.UnaryOperator;
import jenkins.model.IdStrategy;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;
import org.springframework.security.core.Authentication;

/**
 * The one place that reaches the Jenkins singleton ({@code Jenkins.get()}), as warnings-ng's {@code JenkinsFacade}:
 * every other adapter asks this class, so ArchitectureTest can hold the line and the adapters stay small.
 */
public class JenkinsFacade {
    /** Who the current request or thread is authenticated as ({@code Jenkins.getAuthentication2()}). */
    public Authentication authentication() {
        return Jenkins.getAuthentication2();
    }

    /** The security realm's user id comparison, as a key function ({@code IdStrategy.keyFor}). */
    public UnaryOperator<String> userKey() {
        IdStrategy strategy = Jenkins.get().getSecurityRealm().getUserIdStrategy();
        return strategy::keyFor;
    }

    /** The security realm's group id comparison, as a key function ({@code IdStrategy.keyFor}). */
    public UnaryOperator<String> groupKey() {
        IdStrategy strategy = Jenkins.get().getSecurityRealm().getGroupIdStrategy();
        return strategy::keyFor;
    }

    /** Throws {@code AccessDeniedException} (HTTP 403 in a request) unless the current user has the permission. */
    public void checkPermission(Permission permission) {
        Jenkins.get().checkPermission(permission);
    }

    /** Whether the current user has the permission on Jenkins as a whole. */
    public boolean hasPermission(Permission permission) {
        return Jenkins.get().hasPermission(permission);
    }

    /**
     * The item of that full name and type, as the current user sees it ({@code Jenkins.getItemByFullName}): null when
     * there is none, or a folder on the way is not readable by them.
     *
     * @throws org.springframework.security.access.AccessDeniedException when they may discover but not read it
     */
    @CheckForNull
    public <T extends Item> T item(String fullName, Class<T> type) {
        return Jenkins.get().getItemByFullName(fullName, type);
    }

    /**
     * Jenkins' URL ({@code Jenkins.getRootUrl()}, ending in {@code /}): the configured one, else the current
     * request's; null outside a request when none is configured.
     */
    @CheckForNull
    public String rootUrl() {
        return Jenkins.get().getRootUrl();
    }

    /** How far Jenkins' start-up has come ({@code Jenkins.getInitLevel()}). */
    public InitMilestone initLevel() {
        return Jenkins.get().getInitLevel();
    }

    /** Jenkins' home directory ({@code JENKINS_HOME}). */
    public File rootDir() {
        return Jenkins.get().getRootDir();
    }

    /**
     * A system property as Jenkins reads them ({@code SystemProperties}: the JVM's, else the servlet context's
     * parameter of that name); null when neither is set.
     */
    @CheckForNull
    public String systemProperty(String key) {
        return SystemProperties.getString(key);
    }
}
