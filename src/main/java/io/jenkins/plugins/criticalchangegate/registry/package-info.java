/**
 * The registry of critical systems: the YAML file format (version 1), its validation with FILE:LINE:COLUMN messages, and the lookup of a system by id or by job name, and what the time rules (overlays, freezes, deployment windows) make of a system at an instant. Jenkins-free.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
