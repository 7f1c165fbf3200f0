package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.nio.charset.StandardCharsets;

/**
 * The gates of a journal that ended with one outcome, for {@code audit export --outcome} (docs/audit.md, "Exporting"):
 * a gate is its {@code job}, {@code build}, {@code system} and {@code changeId}; it ended with the outcome its
 * {@code DECIDED} record names ({@code NOT_CRITICAL} for the {@code NOT_CRITICAL} record). Every record of such a gate
 * matches: the one naming the same four, and one without {@code changeId} (the credentials records) naming the same
 * job, build and system. Holds the matching gates' keys only, not their records.
 *
 * <p>Keys are held as bytes ({@link KeySet}; a build's key is the start of its gate's key and shares its bytes), and a
 * record read in place ({@link RecordView}) is looked up through one reused builder, without a string per record
 * (issue 17: export memory). Keys may be collected in several threads at once ({@link #collect}); noting and adding
 * are for one thread at a time; once noted, the gates may be looked up from several threads, each through its own
 * {@link Lookup}.
 */
final class GateOutcomes {
    private final String outcome;
    private final KeySet gates = new KeySet();
    private final KeySet builds = gates.sharing();
    private final Lookup own = new Lookup();
    /** The keys of one record noted by the calling thread, and the key being added. */
    private final GateKeyList ownKeys = new GateKeyList();
    private final ByteText adding = new ByteText();
    /** What {@link #add} read ahead, kept so that the reads are not optimised away. */
    @SuppressFBWarnings(value = "URF_UNREAD_FIELD", justification = "written only so that the JIT keeps the reads that"
            + " bring the slots into the cache")
    private long touched;

    GateOutcomes(String outcome) {
        this.outcome = outcome;
    }

    /** Notes the gate of a record that ends one with the wanted outcome. */
    void note(JournalRecord record) {
        ownKeys.clear();
        collect(record, ownKeys);
        add(ownKeys);
    }

    /** Whether a record belongs to a gate that ended with the outcome. */
    boolean contains(JournalRecord record) {
        if (!record.fields().containsKey("job") || !record.fields().containsKey("system")) {
            return false;
        }
        return record.fields().containsKey("changeId") ? gates.contains(gateKey(record))
                : builds.contains(buildKey(record));
    }

    /** {@link #note(JournalRecord)} for a record read in place. */
    void note(RecordView view) {
        ownKeys.clear();
        collect(view, own, ownKeys);
        add(ownKeys);
    }

    /**
     * The key of the gate that a record ends with the outcome, if it ends one, into {@code found}: for a worker of the
     * parallel first pass ({@link GateEndScan}), several at once, each with its own lookup. The in-order stage then
     * adds a batch's keys ({@link #add}).
     */
    void collect(RecordView view, Lookup mine, GateKeyList found) {
        if (!ends(view)) {
            return;
        }
        ByteText text = mine.text;
        text.clear();
        int o = view.member(RecordView.OUTCOME);
        if (o >= 0) {
            view.text(o, text);
        }
        if (text.equalsAscii(outcome)) {
            int buildKeyLength = mine.buildKey(view);
            ByteText key = mine.gateKey(view);
            found.add(key.array(), key.length(), buildKeyLength);
        }
    }

    /**
     * {@link #collect(RecordView, Lookup, GateKeyList)} for a record that had to be parsed: its keys as UTF-8, the
     * bytes a record read in place gives (see {@link ByteText#appendIdTo}). The build key ends before a line feed, so
     * its UTF-8 is the start of the gate key's.
     */
    void collect(JournalRecord record, GateKeyList found) {
        boolean ends = record.type() == AuditEventType.DECIDED || record.type() == AuditEventType.NOT_CRITICAL;
        if (ends && outcome.equals(record.text("outcome"))) {
            String build = buildKey(record);
            byte[] key = (build + "\n" + QueryValues.id(record.text("changeId"))).getBytes(StandardCharsets.UTF_8);
            found.add(key, key.length, build.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    /** Adds the keys collected; one thread at a time, before any lookup. */
    void add(GateKeyList found) {
        // every slot the keys go to is read first, so that the misses of the large tables overlap (KeySet#touch)
        long read = 0;
        for (int i = 0; i < found.size(); i++) {
            read += gates.touch(found.hash(i)) + builds.touch(found.buildHash(i));
        }
        touched = read;
        for (int i = 0; i < found.size(); i++) {
            int buildKeyLength = found.key(i, adding);
            gates.add(adding.array(), adding.length(), found.hash(i));
            builds.addPrefix(adding.array(), buildKeyLength, gates.lastRef(), found.buildHash(i)); // shared bytes
        }
    }

    /** Whether a record read in place (or only scanned: {@link RecordView#scan}) can end a gate. */
    static boolean ends(RecordView view) {
        return view.isType(AuditEventType.DECIDED) || view.isType(AuditEventType.NOT_CRITICAL);
    }

    /** {@link #contains(JournalRecord)} for a record read in place, in the thread that noted. */
    boolean contains(RecordView view) {
        return own.contains(view);
    }

    /** A lookup of its own, for one more thread. */
    Lookup lookup() {
        return new Lookup();
    }

    /**
     * What one thread needs to look records read in place up: its own key, text and probe. A key is built as UTF-8
     * directly (the bytes {@link KeySet} holds of the same key given as text: see {@link ByteText#appendIdTo}).
     */
    final class Lookup {
        private final ByteText key = new ByteText();
        private final ByteText text = new ByteText();
        private final KeySet.Probe probe = new KeySet.Probe();

        /**
         * The four members' values as they stand in the last record looked up, and the answer then: the records of a
         * gate mostly follow one another, and the same bytes make the same key (a canonical line's values decode to
         * one text only), so the key is built only when they change.
         */
        private ByteText lastValues = new ByteText();
        private ByteText values = new ByteText();
        private boolean lastAnswer;
        private int lastSizes = -1;

        /** {@link GateOutcomes#contains(JournalRecord)} for a record read in place. */
        boolean contains(RecordView view) {
            if (view.member(RecordView.JOB) < 0 || view.member(RecordView.SYSTEM) < 0) {
                return false;
            }
            values.clear();
            appendValue(view, RecordView.JOB);
            appendValue(view, RecordView.BUILD);
            appendValue(view, RecordView.SYSTEM);
            appendValue(view, RecordView.CHANGE_ID);
            int sizes = gates.size() + builds.size();
            if (sizes == lastSizes && values.contentEquals(lastValues)) {
                return lastAnswer;
            }
            boolean answer;
            if (view.member(RecordView.CHANGE_ID) >= 0) {
                gateKey(view);
                answer = gates.contains(key.array(), key.length(), probe);
            } else {
                buildKey(view);
                answer = builds.contains(key.array(), key.length(), probe);
            }
            ByteText swap = lastValues;
            lastValues = values;
            values = swap;
            lastSizes = sizes;
            lastAnswer = answer;
            return answer;
        }

        /** A member's value as it stands, after a byte no canonical value holds (1; 2 for a member not there). */
        private void appendValue(RecordView view, int known) {
            int i = view.member(known);
            if (i < 0) {
                values.append((byte) 2);
                return;
            }
            values.append((byte) 1);
            values.append(view.bytes(), view.valueAt(i), view.valueEnd(i) - view.valueAt(i));
        }

        /** The build key of the record in {@link #key}; returns its length. */
        private int buildKey(RecordView view) {
            key.clear();
            appendId(view, RecordView.JOB);
            key.append((byte) '\n');
            int build = view.member(RecordView.BUILD);
            if (build >= 0) {
                view.text(build, key); // as it is, not as an id: the parser's key takes the build's text unchanged
            }
            key.append((byte) '\n');
            appendId(view, RecordView.SYSTEM);
            return key.length();
        }

        private ByteText gateKey(RecordView view) {
            buildKey(view);
            key.append((byte) '\n');
            appendId(view, RecordView.CHANGE_ID);
            return key;
        }

        private void appendId(RecordView view, int known) {
            text.clear();
            int i = view.member(known);
            if (i >= 0) {
                view.text(i, text);
            }
            text.appendIdTo(key);
        }
    }

    private static String buildKey(JournalRecord r) {
        return QueryValues.id(r.text("job")) + "\n" + r.text("build") + "\n" + QueryValues.id(r.text("system"));
    }

    private static String gateKey(JournalRecord r) {
        return buildKey(r) + "\n" + QueryValues.id(r.text("changeId"));
    }
}
