/**
 * The Jenkins adapters: the criticalChangeGate step, its execution, the build action and approval pages, the global configuration. Thin: every decision is made by the domain packages.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.jenkins;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
