/**
 * Gated deploy credentials (issue 12, docs/credentials.md): Secret text, Username with password, Secret file and SSH
 * username with private key credentials bound to a critical system, shown in every credentials store (global or folder)
 * with the system they are bound to. The stored credential never gives out its secret; the copy
 * {@code Credentials.forRun(run)} makes for a build gives it out only when {@code release.CredentialRelease} releases
 * it to that build, and every release and refusal is journaled and listed on the build page: when the copy's secret is
 * first read, never inside {@code forRun}, which Declarative calls on the CPS VM thread.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
