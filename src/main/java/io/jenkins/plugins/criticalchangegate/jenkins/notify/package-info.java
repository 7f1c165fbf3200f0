/**
 * Notifications in Jenkins (issue 14): webhooks configured in Manage Jenkins &rarr; System (JCasC: {@code
 * unclassified: criticalChangeNotifications:}; {@link
 * io.jenkins.plugins.criticalchangegate.jenkins.notify.NotificationConfiguration}), sent when a gate opens, is
 * decided, and a configured time before it expires, through the core's bounded {@code WebhookDispatcher}; the last
 * deliveries with their status on the configuration page; e-mail to the registry's {@code notify.email} addresses
 * through the Mailer plugin ({@link io.jenkins.plugins.criticalchangegate.jenkins.notify.MailDelivery}).
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.jenkins.notify;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
