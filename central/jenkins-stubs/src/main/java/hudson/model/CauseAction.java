package hudson.model;

import jenkins.model.RunAction2;

public class CauseAction implements RunAction2 {
    public CauseAction(Cause... causes) {
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

    @Override
    public void onAttached(Run<?, ?> r) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        throw new UnsupportedOperationException("stub");
    }
}
