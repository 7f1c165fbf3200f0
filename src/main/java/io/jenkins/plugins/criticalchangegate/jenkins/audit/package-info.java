/**
 * The audit journal in Jenkins: the controller's one journal that every gate appends to, the confidential key it is
 * written with, and the page auditors' administrators open (Manage Jenkins &rarr; Critical change gate audit) to
 * download the verification key.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.jenkins.audit;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
