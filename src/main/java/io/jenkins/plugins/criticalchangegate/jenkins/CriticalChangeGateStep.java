package io.jenkins.plugins.criticalchangegate.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.TaskListener;
import io.jenkins.plugins.criticalchangegate.registry.SystemId;
import java.util.Collections;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The {@code criticalChangeGate} pipeline step.
 */
public class CriticalChangeGateStep extends Step {
    private final String system;

    @DataBoundConstructor
    public CriticalChangeGateStep(String system) {
        // validated at the call, naming the parameter, as InputStep validates its id
        this.system = SystemId.of("system", system).value();
    }

    public String getSystem() {
        return system;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, system);
    }

    private static final class Execution extends SynchronousStepExecution<Void> {
        private static final long serialVersionUID = 1L;
        private final String system;

        Execution(StepContext context, String system) {
            super(context);
            this.system = system;
        }

        @Override
        protected Void run() throws Exception {
            getContext().get(TaskListener.class).getLogger().println("[critical-change-gate] system " + system);
            return null;
        }
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
            return Collections.singleton(TaskListener.class);
        }
    }
}
