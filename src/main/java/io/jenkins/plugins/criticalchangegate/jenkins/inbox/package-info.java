/**
 * The approvals inbox in Jenkins (issue 14): the root page {@code /critical-changes/} ({@link
 * io.jenkins.plugins.criticalchangegate.jenkins.inbox.InboxPage}) with its tabs "Waiting for me" and "Waiting on
 * others / recently decided" and its {@code api/json}, over the index of open gates ({@link
 * io.jenkins.plugins.criticalchangegate.jenkins.inbox.GateIndex}) that the audit journal feeds and that is rebuilt
 * from the journal at start-up.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.jenkins.inbox;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
