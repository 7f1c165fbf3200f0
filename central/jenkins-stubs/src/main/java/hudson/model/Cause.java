package hudson.model;

import java.util.List;

public abstract class Cause {
    public Cause() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract String getShortDescription();

    public static class UserIdCause extends Cause {
        public UserIdCause() {
            throw new UnsupportedOperationException("stub");
        }

        public UserIdCause(String userId) {
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

    public static class UpstreamCause extends Cause {
        public UpstreamCause(Run<?, ?> up) {
            throw new UnsupportedOperationException("stub");
        }

        public String getUpstreamProject() {
            throw new UnsupportedOperationException("stub");
        }

        public int getUpstreamBuild() {
            throw new UnsupportedOperationException("stub");
        }

        public List<Cause> getUpstreamCauses() {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public String getShortDescription() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
