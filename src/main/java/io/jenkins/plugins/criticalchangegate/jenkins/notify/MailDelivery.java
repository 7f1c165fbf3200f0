package io.jenkins.plugins.criticalchangegate.jenkins.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.notify.Delivery;
import io.jenkins.plugins.criticalchangegate.notify.DispatchLimits;
import io.jenkins.plugins.criticalchangegate.notify.MailMessage;
import io.jenkins.plugins.criticalchangegate.notify.MailOutcomes;
import io.jenkins.plugins.criticalchangegate.notify.NotificationPayload;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.SystemId;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryUnavailableException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.plugins.mailer.tasks.MimeMessageBuilder;

/**
 * Mails the addresses the registry lists for a gate's system ({@code notify.email}, issue 14) through the Mailer
 * plugin: its SMTP settings (Manage Jenkins &rarr; System &rarr; E-mail Notification), its sender (Jenkins' system
 * administrator address) and its {@link MimeMessageBuilder}, as Mailer's own build mails are made. Each mail is its
 * own task on the plugin's pool ({@link BackgroundWork}): an SMTP server waits up to Mailer's 60 s timeouts, which no
 * pipeline, request or reminder pass must wait for. The addresses are the registry's in force when the mail goes
 * out, so a corrected address is used at once. Outcomes are counted and listed with the webhook deliveries on the
 * configuration page; a failed mail is logged, not retried: the inbox and the journal still have the gate.
 */
public final class MailDelivery {
    private static final Logger LOGGER = Logger.getLogger(MailDelivery.class.getName());
    private static final MailOutcomes OUTCOMES = new MailOutcomes(DispatchLimits.DEFAULT.logSize());

    private MailDelivery() {
    }

    /**
     * Queues the mail about this payload for the addresses its system lists; none when it lists none. Returns at
     * once and never throws: a notification must not delay or fail a gate.
     */
    public static void send(NotificationPayload payload) {
        try {
            List<String> recipients = recipients(payload.system());
            if (recipients.isEmpty()) {
                return;
            }
            MailMessage message = MailMessage.of(payload);
            try {
                BackgroundWork.submit(() -> deliver(payload, message, recipients));
            } catch (RejectedExecutionException e) {
                OUTCOMES.record(payload, recipients, Delivery.Status.QUEUE_FULL, "the plugin's pool refused the"
                        + " mail: " + e.getMessage());
                LOGGER.warning(() -> "mail about " + payload + " not sent: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not queue the mail about " + payload + "; the gate goes on", e);
        }
    }

    /** Whether any system of the registry in force lists an address: else a gate needs no mail at all. */
    public static boolean anyRecipients() {
        Registry registry = currentRegistry();
        if (registry == null) {
            return false;
        }
        for (CriticalSystem system : registry.systems()) {
            if (!system.notifyTargets().email().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The addresses the registry in force lists for the system; empty without a registry or a system of that id. */
    static List<String> recipients(String systemId) {
        Registry registry = currentRegistry();
        if (registry == null) {
            return List.of();
        }
        SystemId id;
        try {
            id = SystemId.of("system", systemId);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        for (CriticalSystem system : registry.systems()) {
            if (system.id().equals(id)) {
                return system.notifyTargets().email();
            }
        }
        return List.of();
    }

    @CheckForNull
    private static Registry currentRegistry() {
        try {
            return CriticalChangeGateConfiguration.get().registry().registry();
        } catch (RegistryUnavailableException e) {
            return null; // no gate can open without one, so there is nothing to mail about
        }
    }

    /** On the pool: builds the message with Mailer's settings and hands it to the SMTP server. */
    private static void deliver(NotificationPayload payload, MailMessage message, List<String> recipients) {
        try {
            MimeMessageBuilder builder = new MimeMessageBuilder().setSubject(message.subject())
                    .setBody(message.body());
            // one address per call: each is a single checked addr-spec (registry EmailAddress), never a list
            for (String address : recipients) {
                builder.addRecipients(address);
            }
            MimeMessage mail = builder.buildMimeMessage();
            // Mailer's builder sets the subject without a charset, so jakarta.mail encodes it in the JVM's default
            // (mail.mime.charset, else file.encoding: US-ASCII under a POSIX locale on Java 17), turning a non-ASCII
            // change id into '?'; the body is UTF-8 (the builder's charset), so the subject is made UTF-8 as well
            mail.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            Transport.send(mail);
            OUTCOMES.record(payload, recipients, Delivery.Status.DELIVERED, "accepted by the SMTP server");
            LOGGER.fine(() -> "mailed " + payload + " to " + recipients);
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            OUTCOMES.record(payload, recipients, Delivery.Status.FAILED, e.toString());
            LOGGER.log(Level.WARNING, "could not mail " + payload + " to " + recipients + " (check Manage Jenkins"
                    + " → System → E-mail Notification)", e);
        }
    }

    /** The last mails' outcomes, most recent first. */
    static List<Delivery> lastDeliveries() {
        return OUTCOMES.last();
    }

    /** Mails not sent since start. */
    static long dropped() {
        return OUTCOMES.dropped();
    }

    /** How many mails the SMTP server took since start (tests read it). */
    static long delivered() {
        return OUTCOMES.count(Delivery.Status.DELIVERED);
    }
}
