package io.jenkins.plugins.criticalchangegate.cli;

import java.util.List;

/** {@code audit}: verify and export the audit journal. */
final class AuditCommand implements Command {
    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String summary() {
        return "verify and export the audit journal";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        // replaced by the issue that builds this command
        throw new UsageException("'audit' is not available in this build yet");
    }
}
