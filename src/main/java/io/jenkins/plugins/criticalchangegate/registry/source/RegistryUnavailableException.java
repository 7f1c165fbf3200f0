package io.jenkins.plugins.criticalchangegate.registry.source;

/**
 * No registry that loaded and validated is available, so no gate may decide: the message names the source and the
 * last failure with its age. The gate fails closed with it; {@code unknownSystems} never applies then.
 */
public final class RegistryUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message) {
        super(message);
    }
}
