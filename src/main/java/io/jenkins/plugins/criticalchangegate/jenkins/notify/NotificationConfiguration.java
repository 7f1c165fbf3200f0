package io.jenkins.plugins.criticalchangegate.jenkins.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Descriptor;
import hudson.security.Permission;
import hudson.util.FormValidation;
import io.jenkins.plugins.criticalchangegate.documentation.OutboundUrl;
import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;
import io.jenkins.plugins.criticalchangegate.notify.Delivery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The notification settings (issue 14), a section of Manage Jenkins &rarr; System next to the gate's own (JCasC:
 * {@code unclassified: criticalChangeNotifications:}): the webhooks, the hosts a webhook URL may point at (the
 * documentation check's URL rules: https, or http only where allowed; SSRF defence), and how long before a gate's
 * deadline the {@code gate.expiring} reminder goes out. A separate configuration so the gate's own stays small.
 * Only Overall/Administer sees or changes it; the last deliveries with their status are shown with it.
 */
@Extension
@Symbol("criticalChangeNotifications")
public final class NotificationConfiguration extends GlobalConfiguration {
    /** The reminder's default lead: an hour before the deadline. */
    static final int DEFAULT_REMINDER_MINUTES = 60;
    /** At most a week before the deadline (the longest approval timeout is a year; a reminder is a last call). */
    static final int MAX_REMINDER_MINUTES = 7 * 24 * 60;

    /**
     * Declared ArrayList: XStream writes the list's own class, and JEP-200 reads back only whitelisted ones
     * ({@code java.util.ArrayList} is, {@code List.of()}'s class is not).
     */
    private volatile ArrayList<WebhookEndpoint> webhooks = new ArrayList<>();
    private volatile String allowedHosts = "";
    private volatile boolean allowHttp;
    private volatile int reminderMinutes = DEFAULT_REMINDER_MINUTES;

    public NotificationConfiguration() {
        load(); // unmarshals onto this object: a setting missing from the file keeps its default
        if (reminderMinutes < 0 || reminderMinutes > MAX_REMINDER_MINUTES) {
            reminderMinutes = DEFAULT_REMINDER_MINUTES;
        }
    }

    public static NotificationConfiguration get() {
        return ExtensionList.lookupSingleton(NotificationConfiguration.class);
    }

    @Override
    public Permission getRequiredGlobalConfigPagePermission() {
        return Jenkins.ADMINISTER;
    }

    /**
     * Binds the form, then refuses it when a webhook's URL breaks the rules against the allowed hosts submitted with
     * it, or a webhook names an unknown event (checked here, after binding: a nested webhook's setter cannot refuse,
     * Stapler would drop its value silently); a refused form is never saved. Both are refused again at send time
     * (JCasC sets the values without this method, and the file may be edited by hand).
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws Descriptor.FormException {
        ArrayList<WebhookEndpoint> before = webhooks;
        String hostsBefore = allowedHosts;
        boolean httpBefore = allowHttp;
        webhooks = new ArrayList<>(); // an emptied list submits no element: without this the old list would stay
        boolean bound;
        try {
            bound = super.configure(req, json);
        } catch (IllegalArgumentException e) {
            webhooks = before;
            allowedHosts = hostsBefore;
            allowHttp = httpBefore;
            save(); // the setters saved as they bound: put the file back as it was
            throw new Descriptor.FormException(e.getMessage(), "webhooks");
        }
        for (WebhookEndpoint webhook : webhooks) {
            String problem = urlProblem(webhook.getUrl());
            if (problem == null) {
                problem = webhook.eventsProblem();
            }
            if (problem != null) {
                webhooks = before;
                allowedHosts = hostsBefore;
                allowHttp = httpBefore;
                save(); // the setters saved as they bound: put the file back as it was
                // the origin only: an incoming webhook's path is its secret, and the message may be shown or logged
                throw new Descriptor.FormException("Webhook " + WebhookDelivery.origin(webhook.getUrl())
                        + " is refused: " + problem, "webhooks");
            }
        }
        save();
        return bound;
    }

    public List<WebhookEndpoint> getWebhooks() {
        return Collections.unmodifiableList(webhooks);
    }

    @DataBoundSetter
    public void setWebhooks(@CheckForNull List<WebhookEndpoint> webhooks) {
        this.webhooks = webhooks == null ? new ArrayList<>() : new ArrayList<>(webhooks);
        save();
    }

    /** Host patterns a webhook URL may point at, comma-separated ({@code hooks.slack.com, *.example.com}). */
    public String getAllowedHosts() {
        return allowedHosts;
    }

    @DataBoundSetter
    public void setAllowedHosts(@CheckForNull String allowedHosts) {
        this.allowedHosts = String.join(", ", WebhookEndpoint.split(allowedHosts));
        save();
    }

    /** Whether plain http webhook URLs are accepted (for a receiver inside the network; https otherwise). */
    public boolean isAllowHttp() {
        return allowHttp;
    }

    @DataBoundSetter
    public void setAllowHttp(boolean allowHttp) {
        this.allowHttp = allowHttp;
        save();
    }

    /** How many minutes before a gate's deadline {@code gate.expiring} goes out; 0 sends no reminder. */
    public int getReminderMinutes() {
        return reminderMinutes;
    }

    /**
     * @throws IllegalArgumentException outside 0 to a week
     */
    @DataBoundSetter
    public void setReminderMinutes(int reminderMinutes) {
        if (reminderMinutes < 0 || reminderMinutes > MAX_REMINDER_MINUTES) {
            throw new IllegalArgumentException("reminderMinutes must be between 0 and " + MAX_REMINDER_MINUTES
                    + ", got " + reminderMinutes);
        }
        this.reminderMinutes = reminderMinutes;
        save();
    }

    List<String> allowedHostList() {
        return WebhookEndpoint.split(allowedHosts);
    }

    /** Why the URL is refused by the rules and the allowed hosts; null when it passes. */
    @CheckForNull
    String urlProblem(String url) {
        try {
            OutboundUrl.check(url, allowedHostList(), allowHttp);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The last deliveries, most recent first, with their status: for the section on this page. */
    public List<DeliveryRow> getLastDeliveries() {
        List<DeliveryRow> rows = new ArrayList<>();
        List<Delivery> all = new ArrayList<>(WebhookDelivery.lastDeliveries());
        all.addAll(MailDelivery.lastDeliveries()); // e-mails (notify.email) in the same table
        all.sort(Comparator.comparing(Delivery::at).reversed());
        for (Delivery d : all) {
            rows.add(new DeliveryRow(d));
        }
        return rows;
    }

    /** Deliveries dropped since start (failed, refused, queue full). */
    public long getDropped() {
        return WebhookDelivery.dropped() + MailDelivery.dropped();
    }

    @POST
    public FormValidation doCheckReminderMinutes(@QueryParameter int value) {
        new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
        if (value < 0 || value > MAX_REMINDER_MINUTES) {
            return FormValidation.error("Between 0 (no reminder) and " + MAX_REMINDER_MINUTES + " minutes.");
        }
        return FormValidation.ok();
    }
}
