package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A glob over Jenkins job full names, as a system's {@code jobs:} lists them: segments separated by {@code /} (the
 * folder separator of full names), {@code *} matching any characters within one segment and {@code **}, as a whole
 * segment, matching zero or more segments. So {@code retail/checkout/**} matches {@code retail/checkout},
 * {@code retail/checkout/deploy} and {@code retail/checkout/pr/PR-1}. Matching ignores case: a binding that catches
 * more jobs fails closed, since a bound job can only deploy its own system.
 *
 * <p>Matching is linear in the segments and never backtracks exponentially (no regular expressions).
 */
public final class JobPattern {
    /** Longest pattern accepted: registries are written by people, not generated without bound. */
    static final int MAX_LENGTH = 1000;

    private static final String ANY_DEPTH = "**";

    private final String text;
    /** Lower case, {@code **} never twice in a row; an array, not a list: one object less per glob kept. */
    private final String[] segments;
    private final int hash;

    private JobPattern(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
        this.hash = Arrays.hashCode(segments);
    }

    /**
     * Compiles a glob.
     *
     * @throws IllegalArgumentException naming what is wrong: empty, empty segment, leading or trailing {@code /},
     *     {@code **} inside a segment, control characters, too long
     */
    public static JobPattern compile(String glob) {
        return compile(glob, null);
    }

    /**
     * Compiles a glob, its segments shared with equal ones seen before (a registry repeats its folders and job names
     * in many globs).
     *
     * @param shared the strings to share segments with; {@code null}: none
     * @throws IllegalArgumentException as {@link #compile(String)}
     */
    static JobPattern compile(String glob, @CheckForNull SegmentTexts shared) {
        String text = glob.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a job pattern must not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a job pattern must be at most " + MAX_LENGTH + " characters long");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new IllegalArgumentException("job pattern '" + glob.strip().replaceAll("\\p{Cntrl}", "?")
                        + "' contains a control character");
            }
        }
        if (text.startsWith("/") || text.endsWith("/")) {
            throw new IllegalArgumentException("job pattern '" + text + "' must not start or end with '/': job full"
                    + " names look like folder/sub-folder/job");
        }
        List<String> segments = new ArrayList<>(4);
        // split at '/' by hand (as split("/", -1) would): compiled for every glob of a large registry
        for (int from = 0, slash = 0; slash >= 0; from = slash + 1) {
            slash = text.indexOf('/', from);
            int to = slash < 0 ? text.length() : slash;
            // a segment seen before (already lower case) is taken as it is, without a copy of it made and dropped
            String seen = shared == null ? null : shared.seen(text, from, to);
            String segment = seen != null ? seen : text.substring(from, to);
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("job pattern '" + text + "' has an empty segment ('//')");
            }
            if (segment.contains(ANY_DEPTH) && !segment.equals(ANY_DEPTH)) {
                throw new IllegalArgumentException("job pattern '" + text + "': '**' must be a whole segment (as in"
                        + " 'folder/**'); use '*' to match within a segment");
            }
            String key = segment.equals(ANY_DEPTH) ? ANY_DEPTH : segment.toLowerCase(Locale.ROOT);
            // 'a/**/**/b' means the same as 'a/**/b'; keeping one keeps matching linear
            if (key.equals(ANY_DEPTH) && !segments.isEmpty() && segments.get(segments.size() - 1).equals(ANY_DEPTH)) {
                continue;
            }
            segments.add(shared == null || seen != null ? key : shared.of(key));
        }
        return new JobPattern(text, segments.toArray(new String[0]));
    }

    /** The glob as written (trimmed). */
    public String text() {
        return text;
    }

    /**
     * The leading segments without any wildcard, lower case: the part an index can look up literally.
     * {@code retail/checkout/**} gives {@code [retail, checkout]}; {@code *}{@code /x} gives none.
     */
    List<String> literalPrefix() {
        return List.of(Arrays.copyOf(segments, literalPrefixLength()));
    }

    /** How many leading segments {@link #literalPrefix} has: for the index, built without a list per glob. */
    int literalPrefixLength() {
        int length = 0;
        while (length < segments.length && segments[length].indexOf('*') < 0) {
            length++;
        }
        return length;
    }

    /** The segment at a position, lower case. */
    String segment(int i) {
        return segments[i];
    }

    /** Whether the job full name matches, ignoring case. */
    public boolean matches(String jobFullName) {
        return matches(segmentsOf(jobFullName));
    }

    /** A job full name as {@link #matches(String[])} takes it: lower case, split at {@code /}. */
    static String[] segmentsOf(String jobFullName) {
        return jobFullName.toLowerCase(Locale.ROOT).split("/", -1);
    }

    /** Whether the job, given by {@link #segmentsOf}, matches. */
    boolean matches(String[] names) {
        // reachable[j]: the pattern's first i segments can match the name's first j segments
        boolean[] reachable = new boolean[names.length + 1];
        reachable[0] = true;
        for (String segment : segments) {
            boolean[] next = new boolean[names.length + 1];
            if (segment.equals(ANY_DEPTH)) {
                boolean any = false;
                for (int j = 0; j <= names.length; j++) {
                    any |= reachable[j];
                    next[j] = any;
                }
            } else {
                for (int j = 0; j < names.length; j++) {
                    if (reachable[j] && segmentMatches(segment, names[j])) {
                        next[j + 1] = true;
                    }
                }
            }
            reachable = next;
        }
        return reachable[names.length];
    }

    /** {@code *} matches any run of characters; linear-time greedy matching with one backtrack point. */
    private static boolean segmentMatches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /**
     * Whether some job full name matches both globs (ignoring case): a job both bind may name either system. Decided
     * exactly, as the intersection of the two globs is empty or not: segment by segment, {@code **} standing for any
     * run of segments, and within a segment {@code *} for any run of characters.
     */
    boolean overlaps(JobPattern other) {
        return new Intersection<>(Arrays.asList(segments), Arrays.asList(other.segments), ANY_DEPTH::equals,
                JobPattern::segmentsOverlap).nonEmpty();
    }

    /**
     * Whether some segment matches both segment globs. A literal against a glob is a match; two globs that both have
     * a {@code *} share a segment exactly when the literal start of one begins the other's and the literal end of
     * one ends the other's: the segment made of the longer start, every literal part of both, and the longer end
     * matches both, each {@code *} taking what the other glob put there.
     */
    private static boolean segmentsOverlap(String a, String b) {
        int firstA = a.indexOf('*');
        int firstB = b.indexOf('*');
        if (firstA < 0 && firstB < 0) {
            return a.equals(b);
        }
        if (firstA < 0) {
            return segmentMatches(b, a);
        }
        if (firstB < 0) {
            return segmentMatches(a, b);
        }
        String startA = a.substring(0, firstA);
        String startB = b.substring(0, firstB);
        String endA = a.substring(a.lastIndexOf('*') + 1);
        String endB = b.substring(b.lastIndexOf('*') + 1);
        return (startA.startsWith(startB) || startB.startsWith(startA))
                && (endA.endsWith(endB) || endB.endsWith(endA));
    }

    /**
     * Whether two patterns over items, in which a wildcard item stands for any run of items, have a sequence in
     * common: {@code can[i][j]} says whether the rest from {@code i} and the rest from {@code j} do.
     */
    private static final class Intersection<T> {
        private final List<T> a;
        private final List<T> b;
        private final java.util.function.Predicate<T> wildcard;
        private final java.util.function.BiPredicate<T, T> itemsOverlap;

        Intersection(List<T> a, List<T> b, java.util.function.Predicate<T> wildcard,
                java.util.function.BiPredicate<T, T> itemsOverlap) {
            this.a = a;
            this.b = b;
            this.wildcard = wildcard;
            this.itemsOverlap = itemsOverlap;
        }

        boolean nonEmpty() {
            boolean[][] can = new boolean[a.size() + 1][b.size() + 1];
            for (int i = a.size(); i >= 0; i--) {
                for (int j = b.size(); j >= 0; j--) {
                    boolean aEnds = i == a.size();
                    boolean bEnds = j == b.size();
                    boolean aAny = !aEnds && wildcard.test(a.get(i));
                    boolean bAny = !bEnds && wildcard.test(b.get(j));
                    if (aEnds && bEnds) {
                        can[i][j] = true;
                    } else if (aAny || bAny) {
                        // a wildcard matches nothing (skip it), or takes the other's next item and stays
                        can[i][j] = aAny && can[i + 1][j] || bAny && can[i][j + 1]
                                || aAny && !bEnds && can[i][j + 1] || bAny && !aEnds && can[i + 1][j];
                    } else {
                        can[i][j] = !aEnds && !bEnds && itemsOverlap.test(a.get(i), b.get(j)) && can[i + 1][j + 1];
                    }
                }
            }
            return can[0][0];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobPattern && ((JobPattern) o).hash == hash
                && Arrays.equals(((JobPattern) o).segments, segments);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return text;
    }
}
