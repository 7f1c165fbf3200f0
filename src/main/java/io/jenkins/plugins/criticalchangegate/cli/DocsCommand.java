package io.jenkins.plugins.criticalchangegate.cli;

import java.util.List;

/** {@code docs}: check a change's documentation URL. */
final class DocsCommand implements Command {
    @Override
    public String name() {
        return "docs";
    }

    @Override
    public String summary() {
        return "check a change's documentation URL";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        // replaced by the issue that builds this command
        throw new UsageException("'docs' is not available in this build yet");
    }
}
