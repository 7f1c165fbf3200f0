package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The segments of a registry's job globs, each short one shared with its last equal: {@code org-7/payments/**} and
 * {@code org-7/ledger/deploy-*} both keep {@code org-7}, and for 100,000 systems a string per segment was a large part
 * of what the job index keeps (docs/performance.md). Strings are immutable, so sharing them changes nothing a reader
 * can see. A bounded table, overwritten on collision: no growth, whatever the file. One per reading, not thread-safe.
 */
final class SegmentTexts {
    private static final int SLOTS = 1024;
    /** Longer segments are seldom repeated: not worth the hashing. */
    private static final int MAX_SHARED_LENGTH = 40;

    private final String[] slots = new String[SLOTS];

    /** The segment (lower case), or the equal string seen last time. */
    String of(String segment) {
        if (segment.length() > MAX_SHARED_LENGTH) {
            return segment;
        }
        int slot = slot(segment.hashCode());
        String seen = slots[slot];
        if (segment.equals(seen)) {
            return seen;
        }
        slots[slot] = segment;
        return segment;
    }

    /**
     * The string last given to {@link #of} that equals the text from {@code from} to {@code to}, if there is one and
     * the text is ASCII without capitals (so that it is its own lower case); {@code null} otherwise.
     */
    @CheckForNull
    String seen(String text, int from, int to) {
        int length = to - from;
        if (length == 0 || length > MAX_SHARED_LENGTH) {
            return null;
        }
        int hash = 0; // String.hashCode's, which for ASCII text is over the same characters
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || c >= 'A' && c <= 'Z') {
                return null;
            }
            hash = 31 * hash + c;
        }
        String seen = slots[slot(hash)];
        return seen != null && seen.length() == length && text.regionMatches(from, seen, 0, length) ? seen : null;
    }

    private static int slot(int hash) {
        return (hash ^ hash >>> 10) & SLOTS - 1;
    }
}
