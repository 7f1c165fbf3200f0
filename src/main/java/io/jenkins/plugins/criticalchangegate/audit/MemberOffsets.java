package io.jenkins.plugins.criticalchangegate.audit;

import java.util.Arrays;

/**
 * Where the top-level members of one journal line are, as {@link CanonicalScanner} finds them while it checks the line
 * (issue 17: the export's {@link RecordView} walked every line a second time to find them, a quarter of its reading).
 * Member {@code i} (from 0, in the line's order, {@code hash} last) has its name at {@code [nameAt[i], nameEnd[i])},
 * without quotes, and its value at {@code [valueAt[i], valueEnd[i])}, quotes included for a string.
 *
 * <p>Valid only after a scan that accepted the line; reused from line to line, its arrays grow to the most members a
 * line has had. Not thread-safe: one per scanner.
 */
final class MemberOffsets {
    int count;
    int[] nameAt = new int[32];
    int[] nameEnd = new int[32];
    int[] valueAt = new int[32];
    int[] valueEnd = new int[32];
    /**
     * How deep the deepest array or object of the line's values is nested: 1 for one that is a member's value, 2 for
     * one inside that, 0 when the values are all strings, numbers and booleans.
     */
    int deepest;

    void clear() {
        count = 0;
        deepest = 0;
    }

    /** A member whose name is {@code [nameStart, nameStop)} and whose value starts at {@code valueStart}; its number. */
    int begin(int nameStart, int nameStop, int valueStart) {
        if (count == nameAt.length) {
            int n = 2 * count;
            nameAt = Arrays.copyOf(nameAt, n);
            nameEnd = Arrays.copyOf(nameEnd, n);
            valueAt = Arrays.copyOf(valueAt, n);
            valueEnd = Arrays.copyOf(valueEnd, n);
        }
        nameAt[count] = nameStart;
        nameEnd[count] = nameStop;
        valueAt[count] = valueStart;
        return count++;
    }

    /** Where the value of member {@code member} ends: {@code valueStop}, exclusive. */
    void end(int member, int valueStop) {
        valueEnd[member] = valueStop;
    }

    /** An array or object at this depth (1: a member's value). */
    void nested(int depth) {
        if (depth > deepest) {
            deepest = depth;
        }
    }
}
