package jenkins.model;

import java.io.Serializable;

public abstract class CauseOfInterruption implements Serializable {
    private static final long serialVersionUID = 1L;

    public CauseOfInterruption() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract String getShortDescription();

    public static final class UserInterruption extends CauseOfInterruption {
        private static final long serialVersionUID = 1L;

        public UserInterruption(String userId) {
            throw new UnsupportedOperationException("stub");
        }

        public String getUserId() {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public String getShortDescription() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
