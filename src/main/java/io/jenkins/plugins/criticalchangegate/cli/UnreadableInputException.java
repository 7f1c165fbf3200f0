package io.jenkins.plugins.criticalchangegate.cli;

/**
 * An input the arguments name correctly but that is not there or cannot be read (a registry file, a journal
 * directory, a key file): exit 2 like a usage error, but only the message is printed, not the usage text, since
 * the arguments themselves were right (issue 17).
 */
final class UnreadableInputException extends UsageException {
    private static final long serialVersionUID = 1L;

    UnreadableInputException(String message) {
        super(message);
    }
}
