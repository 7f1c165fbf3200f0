package io.jenkins.plugins.criticalchangegate.attestation;

/**
 * An envelope, statement or key that cannot be read as one: the message names what is wrong and where (a JSON member,
 * a PEM label, a key's algorithm), so that a person can fix the file or see that it was tampered with.
 */
public final class AttestationException extends Exception {
    private static final long serialVersionUID = 1L;

    public AttestationException(String message) {
        super(message);
    }

    public AttestationException(String message, Throwable cause) {
        super(message, cause);
    }
}
