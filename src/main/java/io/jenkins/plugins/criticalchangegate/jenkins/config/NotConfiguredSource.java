package io.jenkins.plugins.criticalchangegate.jenkins.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.source.Fetched;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistrySource;
import io.jenkins.plugins.criticalchangegate.registry.source.SourceException;

/**
 * The source of a Jenkins where no usable registry source is configured (none was ever chosen, or the saved one is
 * not valid): loading fails, so every gate fails closed, and the status says why.
 */
final class NotConfiguredSource implements RegistrySource {
    @CheckForNull
    private final String problem;

    /** @param problem why the saved source cannot be used; null when none was ever chosen */
    NotConfiguredSource(@CheckForNull String problem) {
        this.problem = problem;
    }

    @Override
    public String describe() {
        return "no source configured";
    }

    @Override
    public Fetched fetch(@CheckForNull Fetched.Validators previous) throws SourceException {
        throw new SourceException((problem == null ? "no registry of critical systems is configured" : problem)
                + " (Manage Jenkins → System → Critical change gate)");
    }
}
