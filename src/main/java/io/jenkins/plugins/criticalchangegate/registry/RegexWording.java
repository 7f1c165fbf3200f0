package io.jenkins.plugins.criticalchangegate.registry;

import java.util.regex.PatternSyntaxException;

/**
 * What is wrong with a regular expression of the registry (an incidentPattern, a trailer value pattern, a required
 * section), in the registry's words and with the position as a person counts it, instead of Java's description
 * ("Dangling meta character '*' near index 0", followed by the pattern and a caret on lines of their own).
 */
final class RegexWording {
    private RegexWording() {
    }

    /** E.g. {@code a '*', '+' or '?' with nothing before it to repeat, at character 1}. */
    static String of(PatternSyntaxException e) {
        String description = e.getDescription() == null ? "" : e.getDescription();
        String what;
        if (description.startsWith("Dangling meta character")) {
            what = "a '*', '+' or '?' with nothing before it to repeat (write \\" + quoted(description)
                    + " for the character itself)";
        } else if (description.startsWith("Unclosed group")) {
            what = "a '(' that is never closed";
        } else if (description.startsWith("Unmatched closing ')'")) {
            what = "a ')' without its '('";
        } else if (description.startsWith("Unclosed character class")) {
            what = "a '[' that is never closed";
        } else if (description.startsWith("Illegal repetition") || description.startsWith("Unclosed counted")) {
            what = "a '{' that does not start a repetition such as {2} or {1,3} (write \\{ for the character"
                    + " itself)";
        } else if (description.startsWith("Illegal/unsupported escape") || description.startsWith("Unexpected internal")
                || description.startsWith("Unexpected")) {
            what = "an escape ('\\' and a character) that regular expressions do not have";
        } else if (description.startsWith("Illegal character range")) {
            what = "a range such as [z-a] whose first character comes after its last";
        } else {
            what = description.isEmpty() ? "not a valid regular expression" : description.toLowerCase(
                    java.util.Locale.ROOT);
        }
        int index = e.getIndex();
        String pattern = e.getPattern() == null ? "" : e.getPattern();
        if (what.startsWith("a '{'") && index >= 0 && pattern.lastIndexOf('{', index) >= 0) {
            index = pattern.lastIndexOf('{', index); // Java points past the brace; the brace is what is wrong
        }
        return what + (index < 0 ? "" : index >= pattern.length() ? ", at its end"
                : ", at character " + (index + 1) + " of the expression");
    }

    /** The character Java names in "Dangling meta character '*'", or '*' when it names none. */
    private static String quoted(String description) {
        int open = description.indexOf('\'');
        return open >= 0 && open + 1 < description.length() ? description.substring(open + 1, open + 2) : "*";
    }
}
