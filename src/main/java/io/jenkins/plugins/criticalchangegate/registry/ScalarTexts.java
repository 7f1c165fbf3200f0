package io.jenkins.plugins.criticalchangegate.registry;

/**
 * The values of {@link ScannedComposer}'s scalars, each short one shared with its last equal: a registry repeats
 * its keys in every system ({@code id}, {@code name}, {@code tier}...) and many values (teams, groups, tiers), and for
 * 100,000 systems a string per scalar was a tenth of what a parse allocated, and the repeated values a large part of
 * what the registry keeps (docs/performance.md). Strings are immutable, so sharing them changes nothing a reader can
 * see. A bounded table, overwritten on collision: no growth, whatever the file.
 */
final class ScalarTexts {
    private static final int SLOTS = 4096;
    /** Longer values are seldom repeated (names, globs): not worth the hashing. */
    private static final int MAX_SHARED_LENGTH = 40;

    private final String text;
    private final String[] slots = new String[SLOTS];

    ScalarTexts(String text) {
        this.text = text;
    }

    /** The text from start to end, the same string as last time when it was seen before. */
    String of(int start, int end) {
        int length = end - start;
        if (length == 0) {
            return "";
        }
        if (length > MAX_SHARED_LENGTH) {
            return text.substring(start, end);
        }
        // a few characters pick the slot (the comparison below decides): hashing each value whole cost more than
        // the strings it saved
        int last = end - 1;
        int hash = length;
        hash = 31 * hash + text.charAt(start);
        hash = 31 * hash + text.charAt(last);
        hash = 31 * hash + text.charAt(start + length / 2);
        hash = 31 * hash + text.charAt(last - 1 < start ? start : last - 1);
        hash = 31 * hash + text.charAt(last - 2 < start ? start : last - 2);
        int slot = (hash ^ hash >>> 11) & SLOTS - 1;
        String seen = slots[slot];
        if (seen != null && seen.length() == length && text.regionMatches(start, seen, 0, length)) {
            return seen;
        }
        String value = text.substring(start, end);
        slots[slot] = value;
        return value;
    }
}
