package io.jenkins.plugins.criticalchangegate.registry;

import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.io.Serializable;
import java.util.Objects;

/**
 * One problem found in a registry file, with where it is: {@code FILE:LINE:COLUMN: message}, as compilers and
 * linters print them so that editors can jump to the place. Lines and columns are 1-based.
 */
public final class RegistryProblem implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String message;

    public RegistryProblem(String source, int line, int column, String message) {
        this.source = source;
        this.line = Math.max(1, line);
        this.column = Math.max(1, column);
        this.message = oneLine(message);
    }

    /** Longest message kept: a problem quotes what the file says, and a file can say a lot. */
    static final int MAX_MESSAGE_LENGTH = 500;

    /**
     * One line, at most {@link #MAX_MESSAGE_LENGTH} characters of the message: problems are printed one per line and
     * quote the file, which may hold anything. Control characters are escaped ({@code \u001b}) by the tool's one
     * rule, {@link ControlCharacters}, so the line shows what the file holds; the line and paragraph separators
     * U+2028 and U+2029, which some viewers break lines at, become spaces.
     */
    private static String oneLine(String message) {
        return ControlCharacters.escape(message.replace('\u2028', ' ').replace('\u2029', ' '), MAX_MESSAGE_LENGTH);
    }

    /** The file (or other source) as the user named it. */
    public String source() {
        return source;
    }

    /** The line, 1-based. */
    public int line() {
        return line;
    }

    /** The column, 1-based. */
    public int column() {
        return column;
    }

    /** What is wrong and, where it helps, how to fix it. */
    public String message() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RegistryProblem)) {
            return false;
        }
        RegistryProblem that = (RegistryProblem) o;
        return line == that.line && column == that.column && source.equals(that.source)
                && message.equals(that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, line, column, message);
    }

    /** {@code FILE:LINE:COLUMN: message}. */
    @Override
    public String toString() {
        return source + ":" + line + ":" + column + ": " + message;
    }
}
