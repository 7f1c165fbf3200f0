package io.jenkins.plugins.criticalchangegate.cli;

/**
 * The tool's exit codes, the same for every command.
 */
final class ExitCode {
    /** Done: the registry is valid, the gate is APPROVED or NOT_CRITICAL, the page VERIFIED, the journal intact. */
    static final int OK = 0;
    /** Done, with a negative answer: problems found, gate REJECTED or DENIED, page refused, journal broken. */
    static final int FAILED = 1;
    /** Bad arguments or an unreadable input file. */
    static final int USAGE = 2;
    /** {@code simulate} only: the gate still waits for approvals. */
    static final int PENDING = 3;

    private ExitCode() {
    }
}
