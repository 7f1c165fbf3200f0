/**
 * What administrators see in Manage Jenkins &rarr; System &rarr; Critical change gate (and in JCasC under
 * {@code unclassified: criticalChangeGate}): the global configuration, the registry sources (inline, file, URL) with
 * their "Check registry" buttons, the periodic refresh and the administrative monitor that reports a failing source.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.jenkins.config;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
