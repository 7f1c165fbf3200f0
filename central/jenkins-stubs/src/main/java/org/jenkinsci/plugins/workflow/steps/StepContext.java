package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.IOException;
import java.io.Serializable;

public abstract class StepContext implements FutureCallback<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    public StepContext() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    public void onSuccess(Object result) {
        throw new UnsupportedOperationException("stub");
    }
}
