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
import java.util.LinkedHashMap;
import java.util.Map;

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
    /** The one layout of a slot, as {@link #write} makes it. */
    private static final java.util.regex.Pattern SLOT_LAYOUT = java.util.regex.Pattern.compile(
            "\\{\"check\":\"([0-9a-f]{64})\",\"hash\":\"([0-9a-f]{64})\",\"seq\":([1-9][0-9]{0,18})\\} *\n");

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
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = SLOT_LAYOUT.matcher(text);
        if (!m.matches()) {
            return null; // a torn or damaged slot is simply not valid
        }
        long seq;
        try {
            seq = Long.parseLong(m.group(3));
        } catch (NumberFormatException e) {
            return null;
        }
        String hash = m.group(2);
        if (!check(seq, hash, chain).equals(m.group(1))) {
            return null;
        }
        return new Head(seq, hash, slot);
    }

    private static String check(long seq, String hash, ChainHash chain) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("seq", seq);
        body.put("hash", hash);
        return chain.hashHex(CanonicalJson.encode(body));
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
        if (bytes.length != SLOT) {
            return null;
        }
        java.util.regex.Matcher m = SLOT_LAYOUT.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        if (!m.matches()) {
            return null;
        }
        try {
            return new Head(Long.parseLong(m.group(3)), m.group(2), 0);
        } catch (NumberFormatException e) {
            return null;
        }
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
