/**
 * Where the registry of critical systems comes from (inline text, a file on the controller, an HTTPS URL), and how the
 * one in use is kept: only a registry that loaded and validated is ever used, the last good one is kept on disk for
 * restarts, and with none at all every gate fails closed. Jenkins-free: the Jenkins layer supplies the HTTP client,
 * the credential and the schedule.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.registry.source;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
