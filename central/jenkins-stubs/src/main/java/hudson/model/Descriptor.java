package hudson.model;

import hudson.security.Permission;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor() {
        throw new UnsupportedOperationException("stub");
    }

    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException("stub");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public Permission getRequiredGlobalConfigPagePermission() {
        throw new UnsupportedOperationException("stub");
    }

    public T newInstance(org.kohsuke.stapler.StaplerRequest2 req, net.sf.json.JSONObject formData)
            throws FormException {
        throw new UnsupportedOperationException("stub");
    }

    public void load() {
        throw new UnsupportedOperationException("stub");
    }

    public void save() {
        throw new UnsupportedOperationException("stub");
    }

    public static final class FormException extends Exception {
        public FormException(String message, String field) {
            throw new UnsupportedOperationException("stub");
        }
    }
}
