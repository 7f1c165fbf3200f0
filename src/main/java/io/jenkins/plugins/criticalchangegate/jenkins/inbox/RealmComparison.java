package io.jenkins.plugins.criticalchangegate.jenkins.inbox;

import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;
import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;

/**
 * User ids and group names compared as the security realm compares them ({@code IdStrategy.keyFor}), so the inbox
 * answers "may I approve?" exactly as the gate page would. The same rule as the step's own (package-private there,
 * and that package is edited in parallel): asked of the realm on each call, so it follows a realm an administrator
 * changes.
 */
enum RealmComparison implements IdentityComparison {
    INSTANCE;

    @Override
    public String userKey(String userId) {
        return new JenkinsFacade().userKey().apply(userId.strip());
    }

    @Override
    public String groupKey(String group) {
        return new JenkinsFacade().groupKey().apply(group.strip());
    }
}
