package com.cloudbees.jenkins.plugins.sshcredentials;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;

/** ssh-credentials 349.vb_8b_6b_9709f5b_ (not in the shared manifest; checked against its sources, docs/building.md). */
@Deprecated
public interface SSHUser extends StandardUsernameCredentials {
}
