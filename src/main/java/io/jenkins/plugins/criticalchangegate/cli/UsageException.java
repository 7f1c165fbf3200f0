package io.jenkins.plugins.criticalchangegate.cli;

/**
 * Bad command-line arguments, or an input file that cannot be read: exit code 2 with the usage line.
 */
class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
