package io.jenkins.plugins.criticalchangegate.registry;

/**
 * The optimal-string-alignment distance (insertions, deletions, substitutions and swaps of two adjacent
 * characters, each costing 1), bounded: typos such as {@code chekcout} are one edit away from {@code checkout}.
 */
final class EditDistance {
    private EditDistance() {
    }

    /**
     * The distance between two texts, or {@code limit + 1} as soon as it is known to exceed {@code limit}.
     * Runs in O(length * limit) time for texts longer than the limit.
     */
    static int bounded(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int n = a.length();
        int m = b.length();
        int big = limit + 1;
        int[] prevPrev = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = Math.min(j, big);
        }
        for (int i = 1; i <= n; i++) {
            int from = Math.max(1, i - limit);
            int to = Math.min(m, i + limit);
            java.util.Arrays.fill(cur, big);
            cur[0] = Math.min(i, big);
            int rowMin = cur[0];
            for (int j = from; j <= to; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, prevPrev[j - 2] + 1);
                }
                cur[j] = Math.min(d, big);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return big;
            }
            int[] t = prevPrev;
            prevPrev = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[m], big);
    }
}
