package io.jenkins.plugins.criticalchangegate.text;

import java.util.Locale;

/**
 * Writes the control characters of text a person or a file gave (an argument, a file name, a value read from a file)
 * as {@code \u001b}-style escapes before a message quotes it. An ESC, CR or LF echoed raw would let that input move
 * the cursor, overwrite the line before it or forge a line of its own in a terminal or a log; escaped, the message
 * shows exactly what was given. Every message that echoes such input goes through here, so the rule is one rule.
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    /** The text with every ISO control character (C0, DEL, C1) escaped; nothing else changes. */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * The text escaped as {@link #escape(String)} does and cut to at most {@code max} characters of the original
     * (a cut is marked with {@code ...}), for values that may be long.
     */
    public static String escape(String text, int max) {
        if (text.length() <= max) {
            return escape(text);
        }
        return escape(text.substring(0, Math.max(0, max - 3))) + "...";
    }

    /**
     * The text escaped as {@link #escape(String)} does except for its line feeds: for a whole message of several
     * lines (a message and the usage text under it) whose parts that echo input were not escaped one by one. A CR or
     * ESC in it can then neither overwrite a line nor move the cursor.
     */
    public static String escapeKeepingLines(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        for (int lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', start)) {
            out.append(escape(text.substring(start, lf))).append('\n');
            start = lf + 1;
        }
        return out.append(escape(text.substring(start))).toString();
    }
}
