package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The first pass of {@link FastEventParser}: reads the whole text once and either records, compactly, the events
 * SnakeYAML's {@code ParserImpl} would produce for it (a kind and the start and end offsets of each), or declines.
 * It accepts only the strict subset of YAML real registries are written in (issue 17): block mappings and lists
 * indented with spaces, flow lists and mappings (on one line, or broken after a '[', '{' or ','), one-line plain
 * scalars without a colon or {@code #} that could be subtle, one-line quoted scalars without escapes, comments and
 * blank lines. Anything else, and every
 * document SnakeYAML would refuse, is declined as a whole, so that SnakeYAML reads the file and every message still
 * comes from it. When in doubt it declines: the registry decides who must approve, and a difference between two
 * parsers would be a way round it.
 */
final class EventScan {
    /** Characters that cannot start a plain scalar here (SnakeYAML's indicators, '-' included, for simplicity). */
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
    /** SnakeYAML forgets a simple key longer than 1024 characters; stay well below. */
    private static final int MAX_KEY = 1000;

    /** Thrown to decline: the text is outside the subset. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super("outside the subset of YAML the fast parser reads", null, false, false);
        }
    }

    private final String s;
    private final int n;
    private final int maxDepth;
    private int p;
    private int depth;
    private final ScannedEvents events;

    private EventScan(String text, int maxDepth) {
        this.s = text;
        this.n = text.length();
        this.maxDepth = maxDepth;
        this.events = new ScannedEvents(text.length());
    }

    /** The events of the text, or {@code null} when the text is outside the subset. */
    @CheckForNull
    static ScannedEvents scan(String text, int maxDepth) {
        EventScan scan = new EventScan(text, maxDepth);
        try {
            scan.document();
            return scan.events;
        } catch (Unsupported | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static Unsupported decline() {
        return Unsupported.INSTANCE;
    }

    private void emit(byte kind, int start, int end) {
        events.add(kind, start, end);
    }

    private void document() {
        if (!SubsetText.plainCharacters(s)) {
            throw decline();
        }
        emit(ScannedEvents.STREAM_START, 0, 0);
        int first = SubsetText.content(s, 0);
        if (first == n || SubsetText.column(s, first) != 0) {
            throw decline(); // empty, or not a mapping at the left margin
        }
        emit(ScannedEvents.DOCUMENT_START, first, first);
        p = first;
        blockMapping(0);
        if (p != n) {
            throw decline();
        }
        emit(ScannedEvents.DOCUMENT_END, n, n);
        emit(ScannedEvents.STREAM_END, n, n);
    }

    /** After a value on its line: only spaces and a comment (after a space) may follow; p moves to the next content. */
    private void endOfLine() {
        int i = p;
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        if (i < n && s.charAt(i) == '#') {
            if (i == p) {
                throw decline(); // '#' right after a value
            }
            while (i < n && s.charAt(i) != '\n') {
                i++;
            }
        }
        if (i < n && s.charAt(i) != '\n') {
            throw decline();
        }
        p = i < n ? SubsetText.content(s, i + 1) : n;
    }

    private boolean blank(int i) {
        return i >= n || s.charAt(i) == ' ' || s.charAt(i) == '\n';
    }

    private boolean entryAt(int i) {
        return s.charAt(i) == '-' && blank(i + 1);
    }

    private void enter() {
        if (++depth > maxDepth) {
            throw decline(); // SnakeYAML's limit, with its message
        }
    }

    /** A block mapping whose keys start at column c; p is at its first key. Leaves p at the next content. */
    private void blockMapping(int c) {
        enter();
        emit(ScannedEvents.MAPPING_START_BLOCK, p, p);
        while (true) {
            if (entryAt(p)) {
                throw decline(); // a list entry where a key belongs
            }
            int colon = key(p, false);
            p = colon + 1;
            int i = p;
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            if (i >= n || s.charAt(i) == '\n' || s.charAt(i) == '#') {
                p = colon + 1;
                endOfLine();
                int col = p < n ? SubsetText.column(s, p) : -1;
                if (p < n && col > c) {
                    if (entryAt(p)) {
                        blockSequence(col, false);
                    } else {
                        blockMapping(col);
                    }
                } else if (p < n && col == c && entryAt(p)) {
                    blockSequence(c, true);
                } else {
                    // 'key:' and nothing: SnakeYAML's empty scalar, just after the ':'
                    emit(ScannedEvents.PLAIN, colon + 1, colon + 1);
                }
            } else {
                p = i;
                if (s.charAt(p) == '[' || s.charAt(p) == '{') {
                    flowCollection(c);
                } else {
                    scalar(false, false);
                }
                endOfLine();
            }
            if (p == n || SubsetText.column(s, p) < c) {
                emit(ScannedEvents.MAPPING_END, p, p);
                depth--;
                return;
            }
            if (SubsetText.column(s, p) > c) {
                throw decline();
            }
        }
    }

    /**
     * A block list whose '-' are at column m; p is at the first '-'. Indentless: the list of a key at the same column
     * (no block of its own in SnakeYAML, so it also ends before a key at that column).
     */
    private void blockSequence(int m, boolean indentless) {
        enter();
        emit(ScannedEvents.SEQUENCE_START_BLOCK, p, indentless ? p + 1 : p);
        while (true) {
            p++; // the '-'
            int i = p;
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            if (i >= n || s.charAt(i) == '\n' || s.charAt(i) == '#' || i == p) {
                throw decline(); // an empty entry
            }
            p = i;
            char c = s.charAt(p);
            if (c == '[' || c == '{') {
                flowCollection(m);
                endOfLine();
            } else if (keyAt(p)) {
                blockMapping(SubsetText.column(s, p));
            } else {
                scalar(false, false);
                endOfLine();
            }
            if (p == n || SubsetText.column(s, p) < m) {
                break;
            }
            if (SubsetText.column(s, p) > m || !entryAt(p)) {
                if (indentless && SubsetText.column(s, p) == m) {
                    break; // the next key of the mapping the list belongs to
                }
                throw decline();
            }
        }
        emit(ScannedEvents.SEQUENCE_END, p, p);
        depth--;
    }

    /** Whether a key (scalar, spaces, ':' and a blank) starts at i, without emitting anything. */
    private boolean keyAt(int i) {
        int size0 = events.size;
        int p0 = p;
        try {
            key(i, true);
            return true;
        } catch (Unsupported e) {
            return false;
        } finally {
            events.size = size0;
            p = p0;
        }
    }

    /**
     * Emits the key starting at i (plain or quoted, on one line) and returns the index of its ':'.
     *
     * @param probing only finding out (no decline is final)
     */
    private int key(int i, boolean probing) {
        p = i;
        scalar(true, false);
        int j = p;
        while (j < n && s.charAt(j) == ' ') {
            j++;
        }
        if (j >= n || s.charAt(j) != ':' || !blank(j + 1) || j - i > MAX_KEY) {
            throw decline();
        }
        return j;
    }

    /**
     * Emits a plain or quoted scalar at p, on one line, and leaves p after it (before any spaces that follow).
     *
     * @param key in block context: a plain scalar ends at ': ' (otherwise that is declined)
     * @param flow in a flow collection: ends at ',', ']', '}' too, and ':' only as a key's
     */
    private void scalar(boolean key, boolean flow) {
        char first = s.charAt(p);
        if (first == '\'' || first == '"') {
            int close = p + 1;
            while (close < n && s.charAt(close) != first) {
                char c = s.charAt(close);
                if (c == '\n' || c == '\\') {
                    throw decline(); // multi-line, or escapes
                }
                close++;
            }
            if (close >= n || close + 1 < n && s.charAt(close + 1) == '\'') {
                throw decline(); // unclosed, or '' inside single quotes
            }
            emit(first == '\'' ? ScannedEvents.SINGLE_QUOTED : ScannedEvents.DOUBLE_QUOTED, p, close + 1);
            p = close + 1;
            return;
        }
        if (INDICATORS.indexOf(first) >= 0 || first == ' ') {
            throw decline();
        }
        int start = p;
        int end = p; // after the last non-space character
        int i = p;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                break;
            }
            if (c == ' ') {
                i++;
                continue;
            }
            if (c == ':') {
                if (blank(i + 1) || flow) {
                    if (key || flow) {
                        break;
                    }
                    throw decline(); // 'a: b: c'
                }
                char next = s.charAt(i + 1);
                if (key || ",[]{}#".indexOf(next) >= 0) {
                    throw decline();
                }
            } else if (c == '#') {
                if (s.charAt(i - 1) == ' ') {
                    break; // a comment
                }
                throw decline();
            } else if (c == ',' || c == ']' || c == '}') {
                if (flow) {
                    break;
                }
                if (c != ',') {
                    throw decline();
                }
            } else if (c == '[' || c == '{' || flow && c == '?') {
                throw decline();
            }
            i++;
            end = i;
        }
        emit(ScannedEvents.PLAIN, start, end);
        p = end;
    }

    /**
     * A flow list or mapping at p; leaves p after it. It may go on over lines only after its '[' or '{' or a ',', each
     * further line indented deeper than the block it is in and starting with the next entry.
     *
     * @param indent the column of the block collection the flow collection is in
     */
    private void flowCollection(int indent) {
        enter();
        boolean mapping = s.charAt(p) == '{';
        char close = mapping ? '}' : ']';
        emit(mapping ? ScannedEvents.MAPPING_START_FLOW : ScannedEvents.SEQUENCE_START_FLOW, p, p + 1);
        p++;
        gap(indent);
        if (s.charAt(p) != close) {
            while (true) {
                if (mapping) {
                    int key = p;
                    flowNode(true, indent);
                    if (s.charAt(p) != ':' || s.charAt(p + 1) != ' ' || p - key > MAX_KEY) {
                        throw decline();
                    }
                    p++;
                    spaces();
                }
                flowNode(false, indent);
                spaces();
                char c = s.charAt(p);
                if (c == close) {
                    break;
                }
                if (c != ',') {
                    throw decline();
                }
                p++;
                gap(indent);
                if (s.charAt(p) == close) {
                    throw decline(); // a trailing comma
                }
            }
        }
        emit(mapping ? ScannedEvents.MAPPING_END : ScannedEvents.SEQUENCE_END, p, p + 1);
        p++;
        depth--;
    }

    private void flowNode(boolean key, int indent) {
        char c = s.charAt(p);
        if (c == '[' || c == '{') {
            if (key) {
                throw decline();
            }
            flowCollection(indent);
        } else {
            scalar(false, true);
            if (!key && p < n && s.charAt(p) == ':') {
                throw decline(); // a pair in a list, or a second ':'
            }
        }
    }

    /** Spaces, or spaces, a line break and the next line's indentation (deeper than the block's, then content). */
    private void gap(int indent) {
        spaces();
        if (p < n && s.charAt(p) == '\n') {
            p++;
            int lineStart = p;
            spaces();
            if (p - lineStart <= indent || p >= n || s.charAt(p) == '\n' || s.charAt(p) == '#') {
                throw decline();
            }
        }
    }

    private void spaces() {
        while (p < n && s.charAt(p) == ' ') {
            p++;
        }
    }
}
