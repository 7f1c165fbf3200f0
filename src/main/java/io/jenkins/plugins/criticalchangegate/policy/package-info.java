/**
 * The two-person approval policy: who may approve or reject a gate, when a gate is approved, rejected, held (its system closed by a freeze or outside its deployment windows) or expired, and the gate's small serializable state. Jenkins-free.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
