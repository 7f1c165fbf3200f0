/**
 * Facts the Jenkins adapters read from Jenkins objects, as plain values, and the rules over them that need no
 * Jenkins: who is acting (from a Spring Security {@code Authentication}), who started the build (through upstream
 * causes), who wrote its commits, when a gate is due, what a gate keeps in {@code build.xml}, and the step's
 * parameters. The adapters build these values from Jenkins and stay thin; ArchitectureTest keeps this package free
 * of Jenkins types so the Central build tests it.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
