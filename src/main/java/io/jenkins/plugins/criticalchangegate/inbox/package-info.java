/**
 * The approvals inbox (issue 14): an index of the gates open now ({@link
 * io.jenkins.plugins.criticalchangegate.inbox.OpenGates}), kept up to date from the same events the audit journal
 * records and rebuilt from the journal at start-up, and the "who may act" rule ({@link
 * io.jenkins.plugins.criticalchangegate.inbox.WhoMayAct}), which asks the policy itself. Shared by the tool's
 * {@code audit pending} and the Jenkins root page {@code /critical-changes/}. Jenkins-free.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.inbox;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
