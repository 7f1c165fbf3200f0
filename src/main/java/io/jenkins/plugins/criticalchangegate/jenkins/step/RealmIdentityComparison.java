package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;

import io.jenkins.plugins.criticalchangegate.policy.IdentityComparison;

/**
 * Compares user ids and group names as the security realm does: the keys of its {@code IdStrategy} and
 * {@code GroupIdStrategy} ({@code keyFor}; the default realm ignores case). Stateless, asking the realm on each call,
 * so it survives serialization and follows a realm that an administrator changes. Public: the approvals inbox
 * (jenkins.inbox) answers "may I approve?" with the same rule as the gate page.
 */
public enum RealmIdentityComparison implements IdentityComparison {
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
