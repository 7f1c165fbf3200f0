/**
 * Notifications when a gate opens, is decided, or is about to expire (issue 14): the versioned JSON payload with its
 * Slack/Teams text ({@link io.jenkins.plugins.criticalchangegate.notify.NotificationPayload}), its GitHub-style
 * signature ({@link io.jenkins.plugins.criticalchangegate.notify.WebhookSignature}), and the delivery off the
 * pipeline and request threads through a bounded queue with retries
 * ({@link io.jenkins.plugins.criticalchangegate.notify.WebhookDispatcher}); the e-mail's subject and body
 * ({@link io.jenkins.plugins.criticalchangegate.notify.MailMessage}) and outcomes
 * ({@link io.jenkins.plugins.criticalchangegate.notify.MailOutcomes}). docs/notifications.md is the contract.
 * Jenkins-free.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.notify;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
