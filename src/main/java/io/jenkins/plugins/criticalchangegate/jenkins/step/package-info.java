/**
 * What pipeline authors and approvers see: the {@code criticalChangeGate} step (and its Snippet Generator form), its
 * execution that pauses the build, the build action behind the build page's "Critical change gates" box, its
 * approval page ({@code …/critical-change-gate/}) and REST API, and each gate's Approve/Reject endpoints.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
