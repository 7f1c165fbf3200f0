package com.cloudbees.jenkins.plugins.sshcredentials;

import hudson.util.Secret;
import java.util.List;

/** ssh-credentials 349.vb_8b_6b_9709f5b_ (not in the shared manifest; checked against its sources, docs/building.md). */
public interface SSHUserPrivateKey extends SSHUser {
    @Deprecated
    default String getPrivateKey() {
        List<String> keys = getPrivateKeys();
        return keys.isEmpty() ? "" : keys.get(0);
    }

    Secret getPassphrase();

    List<String> getPrivateKeys();
}
