package io.jenkins.plugins.criticalchangegate.registry;

/**
 * What {@link EventScan} asks of the text as characters and positions, before and while it reads the structure: which
 * characters the subset admits, where the next line with content starts, and a position's column. Stateless.
 */
final class SubsetText {
    private SubsetText() {
    }

    /**
     * Only printable characters SnakeYAML reads as one code point each and not as a line break (no tab, no CR, no
     * NEL, LS, PS, BOM, no surrogate), and no line that starts a directive or a document marker: else the text is
     * outside the subset.
     */
    static boolean plainCharacters(String s) {
        int n = s.length();
        boolean lineStart = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                lineStart = true;
                continue;
            }
            boolean allowed = c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029
                    || c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF;
            if (!allowed) {
                return false;
            }
            if (lineStart && (c == '%' || s.startsWith("---", i) || s.startsWith("...", i))) {
                return false;
            }
            lineStart = false;
        }
        return true;
    }

    /** From a line's start: the first character of the next line with content (not blank, not a comment), or n. */
    static int content(String s, int lineStart) {
        int n = s.length();
        int i = lineStart;
        while (i < n) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            if (i < n && s.charAt(i) == '#') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            }
            if (i < n && s.charAt(i) == '\n') {
                i++;
                continue;
            }
            return i;
        }
        return n;
    }

    static int column(String s, int i) {
        int lineStart = s.lastIndexOf('\n', i - 1) + 1;
        return i - lineStart;
    }
}
