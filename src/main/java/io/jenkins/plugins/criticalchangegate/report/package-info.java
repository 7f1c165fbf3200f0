/**
 * The audit report (issue 17): a journal's gates, grouped from its records, written as one self-contained HTML file
 * that people read and print (docs/audit.md, "The audit report"). Reads the journal through the audit package only;
 * Jenkins-free.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.report;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
