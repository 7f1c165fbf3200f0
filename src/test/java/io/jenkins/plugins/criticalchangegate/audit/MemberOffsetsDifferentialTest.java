package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;

/**
 * {@link RecordView} takes where a line's members are from the scanner ({@link MemberOffsets}, issue 17) instead of
 * walking the line a second time. The walk it did before is kept here as the oracle (its quote search written as a
 * byte loop, not eight bytes at a time): over records of every shape (nested values at every depth around the
 * in-place reader's limit, escapes, multi-byte UTF-8, numbers, booleans, empty containers, more members than the
 * offsets' first arrays hold, lines placed anywhere in a larger buffer, a tenth of them with one byte changed, which
 * mostly makes them refused), both must agree on whether the line can be read in place and, when it can, on every
 * member's name, value and known number.
 */
public class MemberOffsetsDifferentialTest {
    private static final String[] TEXTS = {"", "plain", "say \"hi\"", "back\\slash", "line\nbreak", "ctl\u0001\u001f",
        "tab\there", "é and 😀", "x".repeat(200), "{\"not\":[\"json\"]}", "]}\",", "\\u0041"};

    @Test
    public void theScannersOffsetsAreTheOldWalks() {
        Random random = new Random(17);
        ChainHash chain = ChainHash.sha256();
        RecordView view = new RecordView();
        int readInPlace = 0;
        int tooDeep = 0;
        for (int n = 0; n < 20_000; n++) {
            Map<String, Object> fields = fields(random);
            byte[] line = RecordFormat.encode(1 + random.nextInt(1_000_000), Instant.ofEpochMilli(random.nextInt()),
                    AuditEventType.values()[random.nextInt(AuditEventType.values().length)],
                    RecordFormat.GENESIS_PREV, fields, chain).line;
            int offset = random.nextInt(40);
            byte[] buffer = new byte[offset + line.length + random.nextInt(40)];
            Arrays.fill(buffer, (byte) '"'); // what surrounds the line must not matter
            System.arraycopy(line, 0, buffer, offset, line.length - 1); // without its line feed
            int length = line.length - 1;
            if (random.nextInt(10) == 0) {
                buffer[offset + random.nextInt(length)] = (byte) (32 + random.nextInt(95));
            }

            OldWalk old = new OldWalk(buffer, offset, length);
            boolean inPlace = view.read(buffer, offset, length);
            String where = "line " + n + ": " + new String(line, StandardCharsets.UTF_8);
            assertThat(where, inPlace, equalTo(old.indexed));
            if (!inPlace) {
                tooDeep++;
                continue;
            }
            readInPlace++;
            assertThat(where, view.count(), equalTo(old.count));
            for (int i = 0; i < old.count; i++) {
                assertThat(where + " member " + i, view.memberAt(i), equalTo(old.nameAt[i] - 1));
                assertThat(where + " member " + i, view.valueAt(i), equalTo(old.valueAt[i]));
                assertThat(where + " member " + i, view.valueEnd(i), equalTo(old.valueEnd[i]));
                assertThat(where + " member " + i, view.knownOf(i), equalTo(old.knownOf(i)));
            }
            for (int k = 0; k < RecordView.KNOWN.size(); k++) {
                assertThat(where + " " + RecordView.KNOWN.get(k), view.member(k), equalTo(old.member(k)));
            }
        }
        // both kinds of answer were given many times: the comparison covered each
        assertThat(readInPlace, greaterThan(5_000));
        assertThat(tooDeep, greaterThan(5_000));
    }

    private static Map<String, Object> fields(Random random) {
        Map<String, Object> f = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(List.of("approvers", "build", "changeId", "commit", "details", "job",
                "outcome", "reason", "system", "url", "user", "a", "zz", "a.b-c_D", "Z9", "hashes", "sequence", "types"));
        int members = random.nextInt(names.size() + 1);
        for (int i = 0; i < members; i++) {
            f.put(names.remove(random.nextInt(names.size())), value(random, 0));
        }
        if (random.nextInt(20) == 0) { // wider than the offsets' first arrays (32 members)
            for (int i = 30 + random.nextInt(40); i > 0; i--) {
                f.put("m" + i, value(random, 0));
            }
        }
        return f;
    }

    /** A value; containers up to 11 deep, around the reader's limit of 8 (so some lines are left to the parser). */
    private static Object value(Random random, int depth) {
        int kind = random.nextInt(depth < 3 ? 8 : depth < 11 ? 7 : 5);
        switch (kind) {
            case 0: return TEXTS[random.nextInt(TEXTS.length)];
            case 1: return (long) random.nextInt(2001) - 1000;
            case 2: return random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            case 3: return random.nextBoolean();
            case 4: return "id-" + random.nextInt(100);
            case 5: {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(depth < 2 ? 4 : 2); i > 0; i--) {
                    list.add(value(random, depth + 1));
                }
                return list;
            }
            case 6: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(depth < 2 ? 4 : 2); i > 0; i--) {
                    map.put("k" + random.nextInt(5), value(random, depth + 1));
                }
                return map;
            }
            default: {
                Object deep = "leaf";
                for (int d = 7 + random.nextInt(4); d > 0; d--) { // exactly around the limit
                    deep = random.nextBoolean() ? List.of(deep) : Map.of("d", deep);
                }
                return deep;
            }
        }
    }

    /** RecordView's index as it was before issue 17's fifth round: the line walked again, value by value (strings
     * searched byte by byte here, eight bytes at a time there: the same ends). */
    private static final class OldWalk {
        private static final int MAX_DEPTH = 8;
        private final byte[] b;
        private final int lineEnd;
        final int[] nameAt = new int[64];
        final int[] nameEnd = new int[64];
        final int[] valueAt = new int[64];
        final int[] valueEnd = new int[64];
        int count;
        final boolean indexed;

        OldWalk(byte[] bytes, int offset, int length) {
            b = bytes;
            lineEnd = offset + length;
            indexed = new CanonicalScanner().scan(bytes, offset, lineEnd) && index(offset);
        }

        private boolean index(int lineStart) {
            int pos = lineStart + 1;
            while (pos < lineEnd - 1) {
                nameAt[count] = pos + 1;
                int q = pos + 1;
                while (b[q] != '"') {
                    q++;
                }
                nameEnd[count] = q;
                valueAt[count] = q + 2;
                int after = skip(q + 2, 0);
                if (after < 0) {
                    return false;
                }
                valueEnd[count] = after;
                count++;
                pos = after + 1;
            }
            return true;
        }

        private int skip(int pos, int depth) {
            byte c = b[pos];
            if (c == '"') {
                int p = pos + 1;
                while (b[p] != '"') {
                    p += b[p] == '\\' ? 2 : 1;
                }
                return p + 1;
            }
            if (c == '{' || c == '[') {
                if (depth >= MAX_DEPTH) {
                    return -1;
                }
                byte close = c == '{' ? (byte) '}' : (byte) ']';
                int p = pos + 1;
                while (b[p] != close) {
                    if (c == '{') {
                        p = skip(p, depth + 1) + 1;
                    }
                    p = skip(p, depth + 1);
                    if (p < 0) {
                        return -1;
                    }
                    if (b[p] == ',') {
                        p++;
                    }
                }
                return p + 1;
            }
            int p = pos;
            while (b[p] != ',' && b[p] != '}' && b[p] != ']') {
                p++;
            }
            return p;
        }

        int knownOf(int i) {
            String name = new String(b, nameAt[i], nameEnd[i] - nameAt[i], StandardCharsets.US_ASCII);
            return RecordView.KNOWN.indexOf(name);
        }

        int member(int k) {
            for (int i = 0; i < count; i++) {
                if (knownOf(i) == k) {
                    return i;
                }
            }
            return -1;
        }
    }
}
