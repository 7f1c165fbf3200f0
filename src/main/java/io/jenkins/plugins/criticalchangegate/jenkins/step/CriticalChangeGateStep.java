package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.StepParameters;
import io.jenkins.plugins.criticalchangegate.registry.SystemId;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The {@code criticalChangeGate} pipeline step. {@code system} is required; the other parameters are optional at
 * the call and required once the registry says the system is critical. Each setter trims and validates, so a bad
 * Jenkinsfile fails at the call with a message naming the parameter (as {@code InputStep.setId} does).
 */
public class CriticalChangeGateStep extends Step {
    private final String system;
    @CheckForNull
    private String changeId;
    @CheckForNull
    private String documentationUrl;
    @CheckForNull
    private String message;
    @CheckForNull
    private String credentialsId;

    @DataBoundConstructor
    public CriticalChangeGateStep(String system) {
        this.system = SystemId.of("system", system).value();
    }

    public String getSystem() {
        return system;
    }

    @CheckForNull
    public String getChangeId() {
        return changeId;
    }

    @DataBoundSetter
    public void setChangeId(@CheckForNull String changeId) {
        this.changeId = StepParameters.changeId(changeId);
    }

    @CheckForNull
    public String getDocumentationUrl() {
        return documentationUrl;
    }

    @DataBoundSetter
    public void setDocumentationUrl(@CheckForNull String documentationUrl) {
        this.documentationUrl = StepParameters.documentationUrl(documentationUrl);
    }

    @CheckForNull
    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(@CheckForNull String message) {
        this.message = StepParameters.message(message);
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = StepParameters.credentialsId(credentialsId);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new CriticalChangeGateExecution(context, this);
    }

    @Extension
    @Symbol("criticalChangeGate")
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "criticalChangeGate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Critical change gate: two-person approval for changes to critical systems";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        /**
         * The credentials the Snippet Generator offers for the documentation site: Secret text and username/password
         * credentials the job may use. Guarded as the credentials plugin's consumer guide says: without the right to
         * configure the job (or Jenkins, outside a job), only the current value is echoed back.
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath @CheckForNull Item item,
                @QueryParameter @CheckForNull String credentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            if (item == null) {
                if (!new JenkinsFacade().hasPermission(Jenkins.ADMINISTER)) {
                    return result.includeCurrentValue(credentialsId);
                }
            } else if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
                return result.includeCurrentValue(credentialsId);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class, List.of(),
                            CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(StringCredentials.class),
                                    CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class)))
                    .includeCurrentValue(credentialsId);
        }
    }
}
