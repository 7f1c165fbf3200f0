package io.jenkins.plugins.criticalchangegate.registry;

/**
 * A cheap lower bound on the edit distance between two ids, so that the "did you mean" check need not run the full
 * distance against every listed id. Each id gets 16 four-bit counters packed in a {@code long}: the number of its
 * characters falling in each of 16 buckets, capped at 15.
 *
 * <p>Why it is a lower bound: an insertion or deletion changes one character count by 1, a substitution changes two
 * counts by 1 each, a swap of neighbours changes none; so two texts within distance {@code d} have character counts
 * differing by at most {@code 2d} in total. Grouping characters into buckets and capping counts can only make the
 * differences smaller. So {@code difference(a, b) > 2 * limit} proves {@code distance(a, b) > limit}: the filter
 * never hides a near miss.
 */
final class CharacterCounts {
    private CharacterCounts() {
    }

    static long of(String text) {
        long counts = 0;
        for (int i = 0; i < text.length(); i++) {
            int bucket = (text.charAt(i) * 0x9E37) >>> 12 & 0xF;
            int shift = bucket * 4;
            if ((counts >>> shift & 0xF) != 0xF) {
                counts += 1L << shift;
            }
        }
        return counts;
    }

    /** The total difference of the two texts' bucket counts: at most twice their edit distance. */
    static int difference(long a, long b) {
        int total = 0;
        for (int shift = 0; shift < 64; shift += 4) {
            total += Math.abs((int) (a >>> shift & 0xF) - (int) (b >>> shift & 0xF));
        }
        return total;
    }
}
