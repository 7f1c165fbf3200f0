package io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.release.ReleaseDecision;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The gated credentials a build was given or refused, in order: the box "Gated deploy credentials" on the build page
 * ({@code summary.jelly}) beside the critical change gates, and {@code …/api/json}. Kept in build.xml.
 */
@ExportedBean
public class CredentialUseAction implements RunAction2 {
    private static final Logger LOGGER = Logger.getLogger(CredentialUseAction.class.getName());

    private final CopyOnWriteArrayList<CredentialUse> uses = new CopyOnWriteArrayList<>();
    @CheckForNull
    private transient volatile Run<?, ?> run;

    @Override
    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "an action keeps its build, as InputAction does")
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "an action keeps its build, as InputAction does")
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    @CheckForNull
    public String getIconFileName() {
        return null; // shown as a box on the build page, not as a link
    }

    @Override
    public String getDisplayName() {
        return "Gated deploy credentials";
    }

    @Override
    @CheckForNull
    public String getUrlName() {
        return null;
    }

    /** Every release and refusal, in order. */
    @Exported(inline = true)
    public List<CredentialUse> getUses() {
        return List.copyOf(uses);
    }

    /** Adds the decision to the build's list and saves build.xml (a failure is logged: the journal has it). */
    static void record(Run<?, ?> run, ReleaseDecision decision) {
        CredentialUseAction action;
        synchronized (run) {
            action = run.getAction(CredentialUseAction.class);
            if (action == null) {
                action = new CredentialUseAction();
                run.addAction(action);
            }
        }
        action.uses.add(CredentialUse.of(decision, System.currentTimeMillis()));
        try {
            run.save();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not save the gated credential use on " + run, e);
        }
    }
}
