package io.jenkins.plugins.criticalchangegate.jenkins.notify;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import hudson.model.Item;
import hudson.security.ACL;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import io.jenkins.plugins.criticalchangegate.notify.Delivery;
import io.jenkins.plugins.criticalchangegate.notify.DispatchLimits;
import io.jenkins.plugins.criticalchangegate.notify.NotificationPayload;
import io.jenkins.plugins.criticalchangegate.notify.WebhookDispatcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Sends payloads to the configured webhooks through the core's {@link WebhookDispatcher}: a bounded queue and its own
 * two threads, so a slow or dead receiver never holds a pipeline, a request or the plugin's pool, and a full queue
 * drops (and counts) rather than waits. Each webhook's URL is checked again here, against the allowed hosts in force
 * (a refused one is counted as {@code REFUSED}, never sent); its secret is read from its Secret text credential at
 * each send, so a rotated secret is used at once. Stopped when Jenkins shuts down.
 */
public final class WebhookDelivery {
    private static final Logger LOGGER = Logger.getLogger(WebhookDelivery.class.getName());

    @CheckForNull
    private static WebhookDispatcher dispatcher;
    private static boolean closed;

    private WebhookDelivery() {
    }

    /**
     * Queues the payload for every webhook that wants it; returns at once and never throws: a notification must not
     * delay or fail a gate.
     */
    public static void send(NotificationPayload payload) {
        try {
            NotificationConfiguration config = NotificationConfiguration.get();
            List<WebhookEndpoint> webhooks = config.getWebhooks();
            if (webhooks.isEmpty()) {
                return;
            }
            WebhookDispatcher d = dispatcher();
            if (d == null) {
                return; // shutting down
            }
            for (WebhookEndpoint webhook : webhooks) {
                byte[] secret;
                try {
                    secret = secret(webhook.getCredentialsId());
                } catch (IllegalStateException e) {
                    // never sent unsigned in place of signed: a receiver that checks signatures would drop it anyway;
                    // listed (FAILED, counted as dropped) with the others, and logged by the dispatcher
                    d.notSent(webhook.getUrl(), config.allowedHostList(), config.isAllowHttp(), webhook.eventList(),
                            webhook.systemList(), payload, e.getMessage());
                    continue;
                }
                d.submit(webhook.getUrl(), config.allowedHostList(), config.isAllowHttp(), secret,
                        webhook.eventList(), webhook.systemList(), payload);
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not queue the notification " + payload + "; the gate goes on", e);
        }
    }

    /**
     * The shared secret's bytes, looked up as the system in Jenkins' own scope; null when the webhook has none.
     *
     * @throws IllegalStateException naming the id (never the secret) when no Secret text credential has it
     */
    @CheckForNull
    private static byte[] secret(@CheckForNull String credentialsId) {
        if (credentialsId == null) {
            return null;
        }
        StringCredentials credential = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, (Item) null, ACL.SYSTEM2,
                        List.of()), CredentialsMatchers.withId(credentialsId));
        if (credential == null) {
            throw new IllegalStateException("no Secret text credential with id '" + credentialsId + "' is available"
                    + " to Jenkins for a webhook's signature");
        }
        return credential.getSecret().getPlainText().getBytes(StandardCharsets.UTF_8);
    }

    /** The URL without its path, query and fragment (an incoming webhook's path is its secret), for messages. */
    static String origin(String url) {
        int authority = url.indexOf("//");
        int from = authority < 0 ? 0 : authority + 2;
        int end = url.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int at = url.indexOf(c, from);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String origin = url.substring(0, end);
        int userInfo = origin.lastIndexOf('@');
        return userInfo < from ? origin : origin.substring(0, from) + origin.substring(userInfo + 1);
    }

    @CheckForNull
    private static synchronized WebhookDispatcher dispatcher() {
        if (closed) {
            return null;
        }
        if (dispatcher == null) {
            dispatcher = new WebhookDispatcher(DispatchLimits.DEFAULT, delivery -> { });
        }
        return dispatcher;
    }

    /** The last deliveries, most recent first (none before the first send). */
    static synchronized List<Delivery> lastDeliveries() {
        return dispatcher == null ? List.of() : dispatcher.lastDeliveries();
    }

    /** Deliveries dropped since start. */
    static synchronized long dropped() {
        return dispatcher == null ? 0 : dispatcher.dropped();
    }

    /** Jenkins starts (again, in the same JVM under the test harness): send again. */
    @Initializer(after = InitMilestone.PLUGINS_STARTED)
    public static synchronized void reopen() {
        closed = false;
    }

    /**
     * Jenkins is shutting down: stop sending, after the plugin's pool stopped (so nothing queues after this); queued
     * deliveries are abandoned, the journal keeps the record.
     */
    @Terminator(requires = BackgroundWork.WORK_STOPPED)
    public static synchronized void shutDown() {
        closed = true;
        WebhookDispatcher d = dispatcher;
        dispatcher = null;
        if (d != null) {
            d.close();
        }
    }
}
