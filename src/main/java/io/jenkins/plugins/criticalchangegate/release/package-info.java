/**
 * Gated deploy credentials (issue 12): whether a build may be given a credential bound to a critical system, decided
 * from plain values (the build's gates, the registry, the time) without Jenkins. The Jenkins credential kinds in
 * {@code jenkins.gatedcredentials} gather those values and ask {@link
 * io.jenkins.plugins.criticalchangegate.release.CredentialRelease}; the tool's {@code simulate --credentials-for} asks
 * the same question of a simulated gate. Layered after registry and policy, before cli and the adapters.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.release;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
