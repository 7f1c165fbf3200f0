package io.jenkins.plugins.criticalchangegate.documentation;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of a system's {@code documentation.requiredSections}: a text the page must contain (ignoring case,
 * whitespace runs counting as one space), or, written between slashes ({@code /Rollback\s+plan/}), a regular
 * expression ({@link java.util.regex.Pattern} syntax, as written: add {@code (?i)} to ignore case) that must be
 * found somewhere in the page text.
 *
 * <p>Matching is bounded in time: the page is untrusted and a pattern can backtrack
 * catastrophically on it, so the text is read through a {@link DeadlineCharSequence}.
 */
public final class RequiredSection {
    private final String entry;
    private final Pattern pattern;

    private RequiredSection(String entry, Pattern pattern) {
        this.entry = entry;
        this.pattern = pattern;
    }

    /**
     * Parses an entry as written in the registry; the registry's validation calls this too.
     *
     * @throws IllegalArgumentException for an empty entry or a regular expression that does not compile (a {@link
     *     PatternSyntaxException}, whose message shows where)
     */
    public static RequiredSection parse(String entry) {
        if (entry.isBlank()) {
            throw new IllegalArgumentException("a required section is empty");
        }
        if (isRegex(entry)) {
            String body = entry.substring(1, entry.length() - 1);
            if (body.isEmpty()) {
                throw new IllegalArgumentException("required section '//' is an empty regular expression, which every"
                        + " page matches");
            }
            return new RequiredSection(entry, Pattern.compile(body));
        }
        // A literal is matched as a quoted pattern too, so that its search is bounded by the same deadline.
        return new RequiredSection(entry, Pattern.compile(Pattern.quote(collapse(entry)),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /** Whether an entry is written as a regular expression: it starts and ends with '/'. */
    public static boolean isRegex(String entry) {
        return entry.length() >= 2 && entry.startsWith("/") && entry.endsWith("/");
    }

    private static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /**
     * Whether the page text contains this section.
     *
     * @param text the page text ({@link PageText#text()})
     * @param deadlineNanos the {@link System#nanoTime()} by which matching must end
     * @throws DeadlineCharSequence.DeadlineExceeded when the deadline passes first
     */
    boolean isFoundIn(String text, long deadlineNanos) {
        return pattern.matcher(new DeadlineCharSequence(text, deadlineNanos)).find();
    }

    /** The entry as written in the registry. */
    @Override
    public String toString() {
        return entry;
    }
}
