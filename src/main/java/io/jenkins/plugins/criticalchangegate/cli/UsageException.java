package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;

/**
 * Bad command-line arguments, or an input file that cannot be read: exit code 2 with the usage line.
 *
 * <p>The problem is escaped here, once, with {@link ControlCharacters#escape(String)}: it usually quotes an argument,
 * a file name or an exception's message (which names a path), and a line feed in any of them must not forge a line
 * of its own (issue 17). Escaping where the exception is made, not where it is printed, is what makes the rule hold
 * for every message: the printer can no longer tell the message's own line breaks from the input's. A command's
 * usage text, our own words over several lines, goes in {@link #UsageException(String, String)}.
 */
class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String problem) {
        super(ControlCharacters.escape(problem));
    }

    /** The problem (escaped) and, on the lines under it, the command's usage text (the tool's own, kept as it is). */
    UsageException(String problem, String usage) {
        super(ControlCharacters.escape(problem) + "\n" + usage);
    }
}
