/**
 * The command-line tool (critical-change-gate-tool.jar): registry lint and show, policy simulation, documentation check, audit verify and export. Uses only the domain packages.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.cli;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
