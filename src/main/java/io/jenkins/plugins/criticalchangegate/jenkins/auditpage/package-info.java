/**
 * The audit page in Jenkins, {@code /critical-change-audit/} (issue 17): for auditors who are not administrators,
 * with the {@code CriticalChangeGate/Audit} permission ({@link io.jenkins.plugins.criticalchangegate.jenkins.auditpage.AuditPermission}):
 * search the journal with the tool's filters, see each gate's records, download CSV, JSON and the HTML report, verify
 * the journal on the controller. The journal's key never shows here: its download stays on the administrators' page
 * ({@code jenkins.audit.AuditJournalLink}).
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
