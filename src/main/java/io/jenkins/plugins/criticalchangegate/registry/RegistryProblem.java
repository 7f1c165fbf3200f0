package io.jenkins.plugins.criticalchangegate.registry;

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
     * One line, without control characters, at most {@link #MAX_MESSAGE_LENGTH} characters: problems are printed one
     * per line and quote the file, which may hold anything.
     */
    private static String oneLine(String message) {
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_MESSAGE_LENGTH + 3));
        for (int i = 0; i < message.length() && out.length() < MAX_MESSAGE_LENGTH; i++) {
            char c = message.charAt(i);
            out.append(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c);
        }
        if (out.length() < message.length()) {
            out.append("...");
        }
        return out.toString();
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
