package io.jenkins.plugins.criticalchangegate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final ObjectMapper MAPPER = new ObjectMapper();

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

    /**
     * Reads the head.
     *
     * @param chain the journal's chain function, to check the slots
     * @return the newest valid slot, or null when the file is missing or has no valid slot
     */
    @CheckForNull
    static Head read(Path dir, ChainHash chain) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(JournalFiles.HEAD));
        } catch (NoSuchFileException e) {
            return null;
        }
        Head best = null;
        for (int slot = 0; slot < 2; slot++) {
            if (bytes.length >= (slot + 1) * SLOT) {
                Head h = parseSlot(Arrays.copyOfRange(bytes, slot * SLOT, (slot + 1) * SLOT), slot, chain);
                if (h != null && (best == null || h.seq > best.seq)) {
                    best = h;
                }
            }
        }
        return best;
    }

    @CheckForNull
    private static Head parseSlot(byte[] bytes, int slot, ChainHash chain) {
        try {
            JsonNode node = MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8).trim());
            if (node == null || !node.path("seq").canConvertToLong() || !node.path("seq").isIntegralNumber()) {
                return null;
            }
            long seq = node.get("seq").asLong();
            String hash = node.path("hash").asText("");
            if (!Hex.isHash(hash) || !check(seq, hash, chain).equals(node.path("check").asText(""))) {
                return null;
            }
            return new Head(seq, hash, slot);
        } catch (IOException e) {
            return null; // a torn or damaged slot is simply not valid
        }
    }

    private static String check(long seq, String hash, ChainHash chain) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("seq", seq);
        body.put("hash", hash);
        return chain.hashHex(CanonicalJson.encode(body));
    }

    /** Writes the head into the next slot (no fsync: see docs/audit.md for why a lagging head is safe). */
    void write(long seq, String hash, ChainHash chain) throws IOException {
        String json = "{\"check\":\"" + check(seq, hash, chain) + "\",\"hash\":\"" + hash + "\",\"seq\":" + seq + "}";
        byte[] slot = new byte[SLOT];
        Arrays.fill(slot, (byte) ' ');
        byte[] text = json.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, slot, 0, text.length);
        slot[SLOT - 1] = '\n';
        ByteBuffer buffer = ByteBuffer.wrap(slot);
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
