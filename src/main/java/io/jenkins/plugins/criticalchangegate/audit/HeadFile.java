package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * {@code head.json}: the anchor that lets verification notice whole records removed from the end of the journal,
 * which no hash chain can show by itself (docs/audit.md, "The head file").
 *
 * <p>Two fixed 256-byte slots, written alternately in place after every batch, each one line
 * {@code {"check":"<hex>","hash":"<hex>","seq":N}} padded with spaces: {@code hash} and {@code seq} are those of the
 * journal's last record, {@code check} is the chain function (SHA-256, or HMAC-SHA-256 with the key) over the
 * canonical {@code {"hash":"<hex>","seq":N}}. A write torn by a crash spoils at most the slot being written; the
 * other still holds the previous head. The newest valid slot is the head.
 */
final class HeadFile implements Closeable {
    static final int SLOT = 256;
    /**
     * The one layout of a slot, as {@link #write} makes it: {@code {"check":"<64 hex>","hash":"<64 hex>","seq":N}}
     * (N: 1 to 19 digits, no leading zero), spaces, a line feed as its last byte. Read byte by byte ({@link #layout}),
     * not with a regular expression, which {@code audit verify} would compile for this alone (issue 17: start-up).
     */
    private static final byte[] CHECK_PREFIX = "{\"check\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HASH_PREFIX = "\",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ_PREFIX = "\",\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final int HASH_AT = CHECK_PREFIX.length + 64 + HASH_PREFIX.length;
    private static final int SEQ_AT = HASH_AT + 64 + SEQ_PREFIX.length;

    private final FileChannel channel;
    private int nextSlot;

    /** A head read from the file. */
    static final class Head {
        final long seq;
        final String hash;
        final int slot;

        Head(long seq, String hash, int slot) {
            this.seq = seq;
            this.hash = hash;
            this.slot = slot;
        }
    }

    private HeadFile(FileChannel channel, int nextSlot) {
        this.channel = channel;
        this.nextSlot = nextSlot;
    }

    static HeadFile open(Path dir, @CheckForNull Head current) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(JournalFiles.HEAD), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new HeadFile(channel, current == null ? 0 : 1 - current.slot);
    }

    /** What {@link #inspect} found: the head, or why there is none that can be trusted. */
    static final class Reading {
        @CheckForNull
        final Head head;
        /** Why there is no head (missing, no valid slot, too long, slots that disagree); empty when there is one. */
        final String problem;

        private Reading(@CheckForNull Head head, String problem) {
            this.head = head;
            this.problem = problem;
        }
    }

    /**
     * Reads the head.
     *
     * @param chain the journal's chain function, to check the slots
     * @return the newest valid slot, or null when the file is missing or has no valid slot
     */
    @CheckForNull
    static Head read(Path dir, ChainHash chain) throws IOException {
        return inspect(dir, chain).head;
    }

    /**
     * Reads the head, saying why there is none. A slot is valid only in exactly the layout {@link #write} gives it
     * (docs/audit.md, "The head file"), so two verifiers cannot disagree about which slots count; a file longer than
     * two slots, or two valid slots naming different hashes for one seq, is no head at all (fail closed).
     */
    static Reading inspect(Path dir, ChainHash chain) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(JournalFiles.HEAD));
        } catch (NoSuchFileException e) {
            return new Reading(null, "head.json is missing");
        }
        if (bytes.length > 2 * SLOT) {
            return new Reading(null, "head.json is " + bytes.length + " bytes long, not at most two slots of " + SLOT
                    + " bytes");
        }
        Head best = null;
        for (int slot = 0; slot < 2; slot++) {
            if (bytes.length >= (slot + 1) * SLOT) {
                Head h = parseSlot(Arrays.copyOfRange(bytes, slot * SLOT, (slot + 1) * SLOT), slot, chain);
                if (h != null && best != null && h.seq == best.seq && !h.hash.equals(best.hash)) {
                    return new Reading(null, "the two slots of head.json name different hashes for seq " + h.seq);
                }
                if (h != null && (best == null || h.seq > best.seq)) {
                    best = h;
                }
            }
        }
        return best == null ? new Reading(null, "head.json has no valid slot") : new Reading(best, "");
    }

    /**
     * One slot: exactly {@code {"check":"<64 hex>","hash":"<64 hex>","seq":N}} (N a positive integer without leading
     * zeros), then spaces up to its last byte, a line feed; the check must be that of the seq and hash.
     */
    @CheckForNull
    private static Head parseSlot(byte[] bytes, int slot, ChainHash chain) {
        Head h = layout(bytes, slot);
        if (h == null) {
            return null; // a torn or damaged slot is simply not valid
        }
        String check = new String(bytes, CHECK_PREFIX.length, 64, StandardCharsets.US_ASCII);
        return check(h.seq, h.hash, chain).equals(check) ? h : null;
    }

    /** The seq and hash of a slot in exactly {@link #CHECK_PREFIX the slot's layout}, or null. */
    @CheckForNull
    private static Head layout(byte[] bytes, int slot) {
        int n = bytes.length;
        if (n < SEQ_AT + 3 || bytes[n - 1] != '\n' || !at(bytes, 0, CHECK_PREFIX) || !hex64(bytes, CHECK_PREFIX.length)
                || !at(bytes, CHECK_PREFIX.length + 64, HASH_PREFIX) || !hex64(bytes, HASH_AT)
                || !at(bytes, HASH_AT + 64, SEQ_PREFIX)) {
            return null;
        }
        int pos = SEQ_AT;
        if (bytes[pos] < '1' || bytes[pos] > '9') {
            return null;
        }
        long seq = 0;
        while (pos < n - 1 && bytes[pos] >= '0' && bytes[pos] <= '9') {
            if (pos - SEQ_AT == 19) {
                return null; // more digits than any long has
            }
            int d = bytes[pos] - '0';
            if (seq > (Long.MAX_VALUE - d) / 10) {
                return null; // 19 digits beyond Long.MAX_VALUE
            }
            seq = seq * 10 + d;
            pos++;
        }
        if (bytes[pos] != '}') {
            return null;
        }
        for (pos++; pos < n - 1; pos++) {
            if (bytes[pos] != ' ') {
                return null;
            }
        }
        return new Head(seq, new String(bytes, HASH_AT, 64, StandardCharsets.US_ASCII), slot);
    }

    private static boolean at(byte[] bytes, int at, byte[] expected) {
        return java.util.Arrays.equals(bytes, at, at + expected.length, expected, 0, expected.length);
    }

    private static boolean hex64(byte[] bytes, int at) {
        for (int i = at; i < at + 64; i++) {
            if (Hex.digit(bytes[i]) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The chain function over the canonical {@code {"hash":"<hex>","seq":N}} ({@link CanonicalJson}'s encoding). */
    private static String check(long seq, String hash, ChainHash chain) {
        // written out, not encoded from a map: both values are ASCII that needs no escaping (a test compares them)
        StringBuilder body = new StringBuilder(90).append("{\"hash\":\"").append(hash).append("\",\"seq\":")
                .append(seq).append('}');
        return chain.hashHex(body.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** One slot's bytes, as {@link #write} writes them (and {@link JournalCreation} writes the first head). */
    static byte[] slot(long seq, String hash, ChainHash chain) {
        String json = "{\"check\":\"" + check(seq, hash, chain) + "\",\"hash\":\"" + hash + "\",\"seq\":" + seq + "}";
        byte[] slot = new byte[SLOT];
        Arrays.fill(slot, (byte) ' ');
        byte[] text = json.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, slot, 0, text.length);
        slot[SLOT - 1] = '\n';
        return slot;
    }

    /**
     * The seq and hash a slot names when it has exactly a slot's layout, without checking its {@code check}: for
     * telling the head an unfinished creation left ({@link JournalCreation}) without the journal's key.
     */
    @CheckForNull
    static Head layoutOnly(byte[] bytes) {
        return bytes.length == SLOT ? layout(bytes, 0) : null;
    }

    /** Writes the head into the next slot (no fsync: see docs/audit.md for why a lagging head is safe). */
    void write(long seq, String hash, ChainHash chain) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(slot(seq, hash, chain));
        long position = (long) nextSlot * SLOT;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        nextSlot = 1 - nextSlot;
    }

    void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
