package io.jenkins.plugins.criticalchangegate.jenkins.notify;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;
import io.jenkins.plugins.criticalchangegate.notify.NotificationEvent;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One webhook as configured (form and JCasC): the URL, the id of a Secret text credential holding the shared secret
 * that signs the payloads (none: unsigned), the events it wants and the systems it wants (both comma-separated;
 * empty: all). The URL must pass the documentation check's URL rules against the notification settings' allowed
 * hosts, when saved and again when sent.
 */
public final class WebhookEndpoint extends AbstractDescribableImpl<WebhookEndpoint> {
    private final String url;
    @CheckForNull
    private String credentialsId;
    private String events = "";
    private String systems = "";

    @DataBoundConstructor
    public WebhookEndpoint(String url) {
        this.url = url == null ? "" : url.strip();
    }

    public String getUrl() {
        return url;
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = credentialsId == null || credentialsId.isBlank() ? null : credentialsId.strip();
    }

    /** The events, comma-separated ({@code gate.opened, gate.decided, gate.expiring}); empty for all. */
    public String getEvents() {
        return events;
    }

    /**
     * Keeps the names as given, known or not. A setter must not throw here: when the system configuration form is
     * bound, Stapler builds each webhook with {@code injectSetters}, which logs and drops what a setter throws
     * ({@code RequestImpl.injectSetters}), so an unknown event would silently leave "all events". The configuration
     * refuses the form instead ({@link #eventsProblem()}), and the dispatcher refuses to send to a webhook that names
     * an unknown event (REFUSED in the last deliveries), so an event list set through JCasC fails closed too.
     */
    @DataBoundSetter
    public void setEvents(@CheckForNull String events) {
        this.events = String.join(", ", split(events));
    }

    /** Why the events cannot be used (an unknown name); null when they can. */
    @CheckForNull
    String eventsProblem() {
        return unknownEvent(events);
    }

    @CheckForNull
    static String unknownEvent(@CheckForNull String events) {
        for (String name : split(events)) {
            if (NotificationEvent.named(name).isEmpty()) {
                return "unknown event '" + name + "'; use gate.opened, gate.decided or gate.expiring (empty: all)";
            }
        }
        return null;
    }

    /** The system ids, comma-separated; empty for all. */
    public String getSystems() {
        return systems;
    }

    @DataBoundSetter
    public void setSystems(@CheckForNull String systems) {
        this.systems = String.join(", ", split(systems));
    }

    List<String> eventList() {
        return split(events);
    }

    List<String> systemList() {
        return split(systems);
    }

    static List<String> split(@CheckForNull String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    @Extension
    @Symbol("webhook")
    public static final class DescriptorImpl extends Descriptor<WebhookEndpoint> {
        @Override
        public String getDisplayName() {
            return "Webhook";
        }

        /** The URL against the saved allowed hosts (the form's own are checked again when it is saved). */
        @POST
        public FormValidation doCheckUrl(@QueryParameter @CheckForNull String value) {
            new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
            String problem = NotificationConfiguration.get().urlProblem(value == null ? "" : value.strip());
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        @POST
        public FormValidation doCheckEvents(@QueryParameter @CheckForNull String value) {
            new JenkinsFacade().checkPermission(Jenkins.ADMINISTER);
            String problem = unknownEvent(value);
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        /**
         * Secret text credentials of Jenkins' own scope, for administrators; others see only the current value.
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter @CheckForNull String credentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            if (!new JenkinsFacade().hasPermission(Jenkins.ADMINISTER)) {
                return result.includeCurrentValue(credentialsId == null ? "" : credentialsId);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, (Item) null, StandardCredentials.class, List.of(),
                            CredentialsMatchers.instanceOf(StringCredentials.class))
                    .includeCurrentValue(credentialsId == null ? "" : credentialsId);
        }
    }
}
