package io.jenkins.plugins.criticalchangegate.cli;

/**
 * The tool's exit codes, one table for every command (issue 17), printed by {@code --help} ({@link #TABLE}) and in
 * README.md. The same fact gives the same code whichever command meets it: an invalid registry is 1 in
 * {@code registry show}, {@code simulate} and {@code docs check} alike; a system that is not critical is 0 (the gate
 * passes its changes at once) in {@code simulate} and {@code docs check} alike; a file or journal that is not there
 * is 2, without the usage text, since the arguments were fine.
 */
final class ExitCode {
    /** Done, and the answer is yes: valid, APPROVED or NOT_CRITICAL, VERIFIED, intact, verified. */
    static final int OK = 0;
    /**
     * Done, and the answer is no: the registry has problems, the gate is REJECTED, EXPIRED or DENIED, the page is
     * refused, the journal is broken, a check failed; or a file the command was asked to write (a journal,
     * {@code --notify-out}, {@code --attest-out}) could not be written.
     */
    static final int FAILED = 1;
    /** Not done: bad arguments (the usage is printed), or an input file or journal that is not there or unreadable. */
    static final int USAGE = 2;
    /** {@code simulate} only: the gate still waits (PENDING, or HELD by a freeze or window). */
    static final int PENDING = 3;
    /**
     * Standard output could not be written (a full disk, {@code > /dev/full}, a closed pipe): whatever was printed
     * is incomplete, so no answer may be read from it. The work stops at the first failed write.
     */
    static final int OUTPUT = 4;

    /** The table as {@code --help} prints it. */
    static final String TABLE = "Exit codes (every command):\n"
            + "  0  yes: registry valid, gate APPROVED or NOT_CRITICAL, page VERIFIED, journal intact, check passed\n"
            + "  1  no: registry has problems, gate REJECTED/EXPIRED/DENIED, page refused, journal broken, check\n"
            + "     failed; or a file the command writes (--journal, --notify-out, --attest-out) was not written\n"
            + "  2  not done: bad arguments (usage printed), or an input file or journal missing or unreadable\n"
            + "  3  simulate: the gate still waits (PENDING, HELD)\n"
            + "  4  standard output could not be written (full disk, closed pipe): the output is incomplete";

    private ExitCode() {
    }
}
