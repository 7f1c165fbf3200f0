package io.jenkins.plugins.criticalchangegate.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Escaping for everything the report takes from the journal: a record's values are whatever a build, a user or a
 * documentation page put there, so each one is escaped for the place it goes (text or a quoted attribute), and
 * control characters are shown as {@code \u0007} rather than written raw (issue 17).
 */
final class Html {
    private Html() {
    }

    /** Text for an element's content or a double-quoted attribute value. */
    static String text(@CheckForNull Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }
}
