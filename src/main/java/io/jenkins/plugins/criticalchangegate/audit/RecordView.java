package io.jenkins.plugins.criticalchangegate.audit;

/**
 * One journal line read in place, for the export (issue 17: export at least half as fast as verification, in little
 * memory): the line is accepted only when {@link CanonicalScanner} accepts it, that is when it is exactly what the
 * journal writes, and its top-level members are then located by offset, with no object built per record.
 *
 * <p>Why a canonical line can be read this way and give what {@link RecordFormat#parse} gives: its strings use only
 * the canonical escapes, its numbers are plain 64-bit integers, its members are sorted and unique, so every value's
 * bytes are already its canonical encoding and decode to one text only. A line that is valid but not canonical is
 * left to the parser ({@link #read} returns false), which is how the export keeps the old behaviour for it exactly.
 *
 * <p>Not thread-safe; reusable. Offsets are valid until the next {@link #read}.
 */
final class RecordView {
    /** Deeper values are left to the parser, whose re-encoding of {@code details} has its own depth limit. */
    private static final int MAX_DEPTH = 8;
    /** The members as the scanner found them: the line is not walked again to find them (issue 17). */
    private final MemberOffsets offsets = new MemberOffsets();
    private final CanonicalScanner scanner = new CanonicalScanner(offsets);
    private byte[] b = new byte[0];
    /** The members the export looks up, by number: {@link #member(int)} finds them without comparing names. */
    static final java.util.List<String> KNOWN = java.util.List.of("seq", "time", "type", "prev", "hash", "job",
            "build", "system", "changeId", "commit", "user", "outcome", "reason", "url", "approvers");
    // each name's place in KNOWN, looked up rather than written down, so that the numbers cannot drift from the list
    static final int SEQ = KNOWN.indexOf("seq");
    static final int TIME = KNOWN.indexOf("time");
    static final int TYPE = KNOWN.indexOf("type");
    static final int PREV = KNOWN.indexOf("prev");
    static final int HASH = KNOWN.indexOf("hash");
    static final int JOB = KNOWN.indexOf("job");
    static final int BUILD = KNOWN.indexOf("build");
    static final int SYSTEM = KNOWN.indexOf("system");
    static final int CHANGE_ID = KNOWN.indexOf("changeId");
    static final int USER = KNOWN.indexOf("user");
    static final int OUTCOME = KNOWN.indexOf("outcome");
    static final int APPROVERS = KNOWN.indexOf("approvers");
    /** The numbers of the {@link #KNOWN} names, by their first letter: a member's name is compared with one or two. */
    private static final int[][] BY_FIRST = new int[128][];
    private static final byte[][] KNOWN_BYTES = KNOWN.stream()
            .map(name -> name.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    static {
        for (int k = 0; k < KNOWN.size(); k++) {
            char first = KNOWN.get(k).charAt(0);
            int[] before = BY_FIRST[first] == null ? new int[0] : BY_FIRST[first];
            int[] with = java.util.Arrays.copyOf(before, before.length + 1);
            with[before.length] = k;
            BY_FIRST[first] = with;
        }
    }

    private final int[] known = new int[KNOWN.size()];
    private int lineEnd;
    private int[] knownOf = new int[32];

    /**
     * Reads {@code bytes[offset, offset + length)}, a line without its line feed.
     *
     * @return whether it is a canonical record; if not, nothing of it may be read here
     */
    boolean read(byte[] bytes, int offset, int length) {
        return scan(bytes, offset, length) && index();
    }

    /** The record's {@code seq}, once {@link #scan} has accepted the line. */
    long seq() {
        return scanner.seq;
    }

    /**
     * The first half of {@link #read}: whether the line is a canonical record, after which only {@link #isType} may be
     * asked until {@link #index} has run (what {@code --outcome}'s first pass needs of most lines).
     */
    boolean scan(byte[] bytes, int offset, int length) {
        if (!scanner.scan(bytes, offset, offset + length)) {
            return false;
        }
        b = bytes;
        lineEnd = offset + length;
        return true;
    }

    /**
     * The second half of {@link #read}: false when the line nests too deep to be read in place. The scanner noted where
     * each member is; this tells the {@link #KNOWN} ones apart.
     */
    boolean index() {
        if (offsets.deepest > MAX_DEPTH) { // an array or object inside MAX_DEPTH others
            return false;
        }
        java.util.Arrays.fill(known, -1);
        int count = offsets.count;
        if (knownOf.length < count) {
            knownOf = new int[offsets.nameAt.length];
        }
        for (int i = 0; i < count; i++) {
            knownOf[i] = -1;
            byte first = b[offsets.nameAt[i]];
            int[] candidates = first >= 0 ? BY_FIRST[first] : null;
            if (candidates != null) {
                for (int k : candidates) {
                    if (is(i, KNOWN_BYTES[k])) {
                        known[k] = i;
                        knownOf[i] = k;
                        break;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Where the value starting at {@code pos}, inside a member's value, ends (exclusive). The line was read in place,
     * so it nests no deeper than {@link #MAX_DEPTH} ({@link #index}): the recursion is bounded.
     */
    private int skip(int pos) {
        byte c = b[pos];
        if (c == '"') {
            // eight bytes at a time to the next quote or backslash: a canonical line's strings end before its end
            int p = LineFeeds.next(b, pos + 1, lineEnd, (byte) '"', (byte) '\\');
            while (b[p] == '\\') {
                p = LineFeeds.next(b, p + 2, lineEnd, (byte) '"', (byte) '\\');
            }
            return p + 1;
        }
        if (c == '{' || c == '[') {
            byte close = c == '{' ? (byte) '}' : (byte) ']';
            int p = pos + 1;
            while (b[p] != close) {
                if (c == '{') {
                    p = skip(p) + 1; // the name, then ':'
                }
                p = skip(p);
                if (b[p] == ',') {
                    p++;
                }
            }
            return p + 1;
        }
        int p = pos; // a number, true or false: up to the next ',' '}' or ']'
        while (b[p] != ',' && b[p] != '}' && b[p] != ']') {
            p++;
        }
        return p;
    }

    /** {@link #is(int, String)} for a name as ASCII bytes, with the member's offsets read once. */
    private boolean is(int member, byte[] name) {
        int from = offsets.nameAt[member];
        int length = offsets.nameEnd[member] - from;
        if (length != name.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[from + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean is(int member, String name) {
        int from = offsets.nameAt[member];
        int length = offsets.nameEnd[member] - from;
        if (length != name.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    byte[] bytes() {
        return b;
    }

    int count() {
        return offsets.count;
    }

    /** The member with this name, or -1. */
    int member(String name) {
        for (int i = 0; i < offsets.count; i++) {
            if (is(i, name)) {
                return i;
            }
        }
        return -1;
    }

    /** The member {@link #KNOWN}{@code .get(k)}, or -1. */
    int member(int k) {
        return known[k];
    }

    /**
     * Whether the scanner checked the value of {@link #KNOWN} member {@code k} to accept the line: {@code seq} (a
     * positive integer), {@code time} (a UTC time), {@code type} (a record type), {@code prev} and {@code hash} (64
     * lowercase hex digits).
     */
    static boolean checkedByScanner(int k) {
        return k == SEQ || k == TIME || k == TYPE || k == PREV || k == HASH;
    }

    /** Which of {@link #KNOWN} member {@code i} is, or -1 for another name. */
    int knownOf(int i) {
        return knownOf[i];
    }

    /** Where member {@code i} starts: its name's opening quote. */
    int memberAt(int i) {
        return offsets.nameAt[i] - 1;
    }

    int valueAt(int i) {
        return offsets.valueAt[i];
    }

    int valueEnd(int i) {
        return offsets.valueEnd[i];
    }

    /** The first byte of member {@code i}'s value: {@code "} string, {@code [} array, {@code {} object, else scalar. */
    byte kind(int i) {
        return b[offsets.valueAt[i]];
    }

    boolean isType(AuditEventType type) {
        String name = type.name();
        int at = scanner.typeAt;
        if (scanner.typeEnd - at != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (b[at + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the record's time is before {@code instant} (the time is {@code uuuu-MM-ddTHH:mm:ss.SSSZ}, checked). */
    boolean timeBefore(java.time.Instant instant) {
        int t = offsets.valueAt[known[TIME]] + 1;
        long day = epochDay(digits(t, 4), digits(t + 5, 2), digits(t + 8, 2));
        long seconds = day * 86_400 + digits(t + 11, 2) * 3600L + digits(t + 14, 2) * 60L + digits(t + 17, 2);
        long nanos = digits(t + 20, 3) * 1_000_000L;
        return seconds < instant.getEpochSecond() || seconds == instant.getEpochSecond() && nanos < instant.getNano();
    }

    private int digits(int at, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = v * 10 + b[at + i] - '0';
        }
        return v;
    }

    /** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /**
     * Member {@code i} as {@link JournalRecord#text} gives it, in UTF-8 into {@code out}: a string decoded, a number or
     * boolean as written, nothing for an array or object.
     */
    void text(int i, ByteText out) {
        text(offsets.valueAt[i], offsets.valueEnd[i], out);
    }

    /** The same for the value at {@code [at, end)}. */
    void text(int at, int end, ByteText out) {
        byte c = b[at];
        if (c == '"') {
            decode(at + 1, end - 1, out);
        } else if (c != '[' && c != '{') {
            out.append(b, at, end - at);
        }
    }

    /** The canonical escapes undone: {@code \" \\ \b \t \n \f \r} and <code>&#92;u00xx</code>. */
    private void decode(int from, int to, ByteText out) {
        int run = from;
        for (int p = from; p < to; p++) {
            if (b[p] != '\\') {
                continue;
            }
            out.append(b, run, p - run);
            byte e = b[++p];
            switch (e) {
                case 'b': out.append((byte) '\b'); break;
                case 't': out.append((byte) '\t'); break;
                case 'n': out.append((byte) '\n'); break;
                case 'f': out.append((byte) '\f'); break;
                case 'r': out.append((byte) '\r'); break;
                case 'u':
                    out.append((byte) ((b[p + 3] - '0') * 16 + Hex.digit(b[p + 4])));
                    p += 4;
                    break;
                default: out.append(e); // '"' or '\\'
            }
            run = p + 1;
        }
        out.append(b, run, to - run);
    }

    /** Whether member {@code i} is a string whose id ({@link QueryValues#id}) is {@code wanted}. */
    boolean stringIdEquals(int i, String wanted, ByteText scratch) {
        return i >= 0 && b[offsets.valueAt[i]] == '"'
                && idEquals(offsets.valueAt[i], offsets.valueEnd[i], wanted, scratch);
    }

    /** Whether the string at {@code [at, end)} (quotes included) has the id {@code wanted}. */
    boolean idEquals(int at, int end, String wanted, ByteText scratch) {
        scratch.clear();
        decode(at + 1, end - 1, scratch);
        return scratch.idEquals(wanted);
    }

    /** Where the value starting at {@code at} ends. */
    int valueEndAt(int at) {
        return skip(at);
    }
}
