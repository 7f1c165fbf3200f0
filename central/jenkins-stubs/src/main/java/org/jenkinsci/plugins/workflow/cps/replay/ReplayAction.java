package org.jenkinsci.plugins.workflow.cps.replay;

import hudson.model.Action;
import hudson.model.queue.QueueTaskFuture;
import java.util.Map;

public class ReplayAction implements Action {
    private ReplayAction() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("stub");
    }

    public QueueTaskFuture run(String replacementMainScript, Map<String, String> replacementLoadedScripts) {
        throw new UnsupportedOperationException("stub");
    }
}
