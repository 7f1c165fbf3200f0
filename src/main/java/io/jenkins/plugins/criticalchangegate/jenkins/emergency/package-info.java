/**
 * The emergency (break-glass) reviews, issue 16, for administrators: the administrative monitor listing open and
 * overdue reviews of emergency approvals, read from the controller's audit journal ({@code audit.EmergencyReviews}) on
 * the plugin's pool and cached, so that no page waits on the journal.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.jenkins.emergency;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
