/**
 * The Jenkins adapters, grouped by what users see: {@code step} (the pipeline step, its gate pages and build
 * action), {@code config} (the global configuration and registry sources), {@code audit} (the journal and its page),
 * {@code credentials} (credentials used on a build's behalf), and {@code facts} (plain values read from Jenkins, tested
 * without it). Thin: every decision is made by the domain packages. This package holds only {@link
 * io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade}, the one way to the Jenkins singleton.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.jenkins;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
