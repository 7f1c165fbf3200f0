package io.jenkins.plugins.criticalchangegate.cli;

import java.util.List;

/** {@code simulate}: apply approvals and rejections to a gate, as Jenkins would. */
final class SimulateCommand implements Command {
    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String summary() {
        return "apply approvals and rejections to a gate, as Jenkins would";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        // replaced by the issue that builds this command
        throw new UsageException("'simulate' is not available in this build yet");
    }
}
