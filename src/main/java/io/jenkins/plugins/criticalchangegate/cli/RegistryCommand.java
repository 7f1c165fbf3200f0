package io.jenkins.plugins.criticalchangegate.cli;

import java.util.List;

/** {@code registry}: lint registry files; show the resolved policy of a system. */
final class RegistryCommand implements Command {
    @Override
    public String name() {
        return "registry";
    }

    @Override
    public String summary() {
        return "lint registry files; show the resolved policy of a system";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        // replaced by the issue that builds this command
        throw new UsageException("'registry' is not available in this build yet");
    }
}
