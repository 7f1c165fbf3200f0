package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.EmergencyParameters;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.StepParameters;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.SubjectRequest;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * the call and required once the registry says the system is critical.
 *
 * <p>The constructor and setters only trim: every rule is checked in {@link #start}, which fails the step with one
 * message per problem, naming the parameter. Not in the setters, as {@code InputStep.setId} does, because structs'
 * {@code DescribableModel.instantiate} wraps whatever a constructor or setter throws as "Could not instantiate
 * {every argument} for …" and that text reaches the build log: a {@code documentationUrl} carrying a password would
 * be printed by the very check that refuses it. A URL with user information is kept with it replaced by
 * {@code ****} and refused at start.
 */
public class CriticalChangeGateStep extends Step {
    @CheckForNull
    private final String system;
    @CheckForNull
    private String changeId;
    @CheckForNull
    private String documentationUrl;
    @CheckForNull
    private String message;
    @CheckForNull
    private String credentialsId;
    /** The pipeline declares the change AI-assisted: the system's stricter AI-assisted rule applies (never looser). */
    private boolean aiAssisted;
    /** The artifacts the change deploys, for the approval's attestation. */
    @CheckForNull
    private List<ArtifactSubject> subjects;
    /** A glob of workspace files the change deploys, hashed when the gate is requested. */
    @CheckForNull
    private String subjectFiles;
    /** The full id of the commit being built. */
    @CheckForNull
    private String commit;
    /** Take the system's emergency (break-glass) path, issue 16; needs {@link #incidentId}. */
    private boolean emergency;
    /** The incident an emergency change is for ({@code INC-4711}). */
    @CheckForNull
    private String incidentId;

    @DataBoundConstructor
    public CriticalChangeGateStep(@CheckForNull String system) {
        this.system = StepParameters.trimmed(system);
    }

    @CheckForNull
    public String getSystem() {
        return system;
    }

    @CheckForNull
    public String getChangeId() {
        return changeId;
    }

    @DataBoundSetter
    public void setChangeId(@CheckForNull String changeId) {
        this.changeId = StepParameters.trimmed(changeId);
    }

    /** The documentation URL, without any user name or password it was given with. */
    @CheckForNull
    public String getDocumentationUrl() {
        return documentationUrl;
    }

    @DataBoundSetter
    public void setDocumentationUrl(@CheckForNull String documentationUrl) {
        String value = StepParameters.trimmed(documentationUrl);
        this.documentationUrl = value == null ? null : StepParameters.withoutUserInfo(value);
    }

    @CheckForNull
    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(@CheckForNull String message) {
        this.message = StepParameters.trimmed(message);
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = StepParameters.trimmed(credentialsId);
    }

    public boolean isAiAssisted() {
        return aiAssisted;
    }

    /**
     * Declares the change AI-assisted, whatever its commits say. A declaration can only make the rule stricter: the
     * registry's AI-assisted requirement then applies; {@code false} never lifts a rule that the commits trigger.
     */
    @DataBoundSetter
    public void setAiAssisted(boolean aiAssisted) {
        this.aiAssisted = aiAssisted;
    }

    @CheckForNull
    public List<ArtifactSubject> getSubjects() {
        return subjects == null ? null : List.copyOf(subjects);
    }

    /** The artifacts the change deploys, each with its SHA-256: the subjects of the approval's attestation. */
    @DataBoundSetter
    public void setSubjects(@CheckForNull List<ArtifactSubject> subjects) {
        this.subjects = subjects == null || subjects.isEmpty() ? null : new ArrayList<>(subjects);
    }

    @CheckForNull
    public String getSubjectFiles() {
        return subjectFiles;
    }

    /** A glob of workspace files the change deploys ({@code target/*.jar}); hashed when the gate is requested. */
    @DataBoundSetter
    public void setSubjectFiles(@CheckForNull String subjectFiles) {
        this.subjectFiles = StepParameters.trimmed(subjectFiles);
    }

    @CheckForNull
    public String getCommit() {
        return commit;
    }

    /** The full id of the commit being built ({@code checkout(scm).GIT_COMMIT}). */
    @DataBoundSetter
    public void setCommit(@CheckForNull String commit) {
        this.commit = StepParameters.trimmed(commit);
    }

    public boolean isEmergency() {
        return emergency;
    }

    /**
     * Takes the system's emergency (break-glass) path: the registry's {@code emergency.approvers} and
     * {@code requiredApprovals} instead of the usual requirement, no freezes or windows, the documentation check
     * advisory; the approval must be reviewed afterwards. Needs {@link #setIncidentId incidentId}.
     */
    @DataBoundSetter
    public void setEmergency(boolean emergency) {
        this.emergency = emergency;
    }

    @CheckForNull
    public String getIncidentId() {
        return incidentId;
    }

    /** The incident of an emergency change; matched against the registry's {@code emergency.incidentPattern}. */
    @DataBoundSetter
    public void setIncidentId(@CheckForNull String incidentId) {
        this.incidentId = StepParameters.trimmed(incidentId);
    }

    /**
     * Checks every parameter, then starts the gate.
     *
     * @throws AbortException naming each parameter that breaks a rule, one per line (nothing is shown of a password)
     */
    @Override
    public StepExecution start(StepContext context) throws AbortException {
        List<String> problems = new ArrayList<>();
        StepParameters.Checked checked = null;
        try {
            checked = StepParameters.check(system, changeId, documentationUrl, message, credentialsId);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        SubjectRequest subjectRequest = null;
        try {
            List<Map.Entry<String, String>> named = new ArrayList<>();
            for (ArtifactSubject s : subjects == null ? List.<ArtifactSubject>of() : subjects) {
                named.add(new AbstractMap.SimpleImmutableEntry<>(s.getName(), s.getSha256()));
            }
            subjectRequest = SubjectRequest.check(named, subjectFiles, commit);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        String incident = null;
        try {
            incident = EmergencyParameters.check(emergency, incidentId);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (checked == null || subjectRequest == null || !problems.isEmpty()) {
            throw new AbortException(String.join("\n", problems));
        }
        return new CriticalChangeGateExecution(context, checked, aiAssisted, subjectRequest, incident);
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
