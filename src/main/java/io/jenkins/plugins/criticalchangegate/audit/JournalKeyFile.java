package io.jenkins.plugins.criticalchangegate.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The text form of a journal's HMAC key, as Jenkins hands it to an auditor and {@code audit verify --key-file} reads
 * it back (docs/audit.md, "The journal's key in Jenkins"). The key itself is raw bytes (Jenkins makes 32 random ones);
 * the file carries them in base64 on one line, next to the key's id, so that a file damaged in transit, or the key of
 * another journal, is told apart from a tampered journal:
 *
 * <pre>
 * # comment lines and blank lines are ignored
 * key-id: c0814258a3404942
 * hmac-sha256: &lt;base64 of the key bytes (RFC 4648, with padding)&gt;
 * </pre>
 *
 * <p>{@code key-id} is optional; when present it must be the id of the key on the {@code hmac-sha256} line. Errors
 * name the file and the line, and never quote a line: any line of this file may be the key.
 */
public final class JournalKeyFile {
    /** The line that carries the key. */
    static final String KEY_PREFIX = "hmac-sha256:";
    /** The line that carries the key's id (optional). */
    static final String KEY_ID_PREFIX = "key-id:";
    /** A key file is a few hundred bytes; anything much larger is not one, and is not read into memory. */
    static final int MAX_BYTES = 64 * 1024;
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

    private JournalKeyFile() {
    }

    /**
     * The key's id, as the journal's first record names it ({@code keyId}): the first 8 bytes, in hex, of
     * HMAC-SHA-256(key, "critical-change-gate audit key id"). Not secret: it is written in the journal itself.
     *
     * @param key the key bytes
     * @return 16 lowercase hex digits
     */
    public static String keyId(byte[] key) {
        return ChainHash.keyId(key);
    }

    /**
     * The key file's text for a key.
     *
     * @param key the key bytes, at least {@link JournalOptions#MIN_KEY_BYTES}
     * @return the whole file, lines ending in a line feed
     * @throws IllegalArgumentException for a key too short to key a journal
     */
    public static String encode(byte[] key) {
        checkLength(key.length);
        return "# critical-change-gate audit journal key. Verify with:\n"
                + "#   java -jar critical-change-gate-tool.jar audit verify JOURNAL_DIR --key-file THIS_FILE\n"
                + "# Keep it secret: whoever holds this key can write journal records that verify.\n"
                + KEY_ID_PREFIX + " " + keyId(key) + "\n"
                + KEY_PREFIX + " " + Base64.getEncoder().encodeToString(key) + "\n";
    }

    /**
     * Reads a key file.
     *
     * @param file the file
     * @return the key bytes
     * @throws IOException when the file cannot be read, naming it; {@link KeyFileException} when it is not a key file,
     *     naming it and the line
     */
    public static byte[] read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(file + ": no such file");
        }
        if (bytes.length > MAX_BYTES) {
            throw new KeyFileException(file + ": larger than " + MAX_BYTES + " bytes, so not a journal key file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new KeyFileException(file + ": not UTF-8 text, so not a journal key file");
        }
        return decode(text, file.toString());
    }

    /**
     * Parses a key file's text.
     *
     * @param text the file's content
     * @param source what to call it in errors (the file name)
     * @return the key bytes
     * @throws KeyFileException naming the source and the line when the text is not a key file
     */
    public static byte[] decode(String text, String source) throws KeyFileException {
        byte[] key = null;
        int keyLine = 0;
        String keyId = null;
        int keyIdLine = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith(KEY_PREFIX)) {
                if (key != null) {
                    throw new KeyFileException(source + " line " + number + ": a second '" + KEY_PREFIX
                            + "' line (the first is line " + keyLine + "); a key file holds one key");
                }
                key = base64(trimmed.substring(KEY_PREFIX.length()).strip(), source, number);
                keyLine = number;
            } else if (trimmed.startsWith(KEY_ID_PREFIX)) {
                if (keyId != null) {
                    throw new KeyFileException(source + " line " + number + ": a second '" + KEY_ID_PREFIX
                            + "' line (the first is line " + keyIdLine + ")");
                }
                keyId = trimmed.substring(KEY_ID_PREFIX.length()).strip();
                keyIdLine = number;
                if (!KEY_ID.matcher(keyId).matches()) {
                    throw new KeyFileException(source + " line " + number + ": the key id is not 16 lowercase hex"
                            + " digits");
                }
            } else {
                // never quote the line: it may be the key itself, pasted without its prefix
                throw new KeyFileException(source + " line " + number + ": not a line of a journal key file (expected"
                        + " '" + KEY_PREFIX + " <base64>', '" + KEY_ID_PREFIX + " <hex>', a '#' comment or a blank"
                        + " line)");
            }
        }
        if (key == null) {
            throw new KeyFileException(source + ": no '" + KEY_PREFIX + " <base64>' line, so not a journal key file");
        }
        if (keyId != null && !keyId.equals(keyId(key))) {
            throw new KeyFileException(source + " line " + keyIdLine + ": key id " + keyId + " is not the id of the"
                    + " key on line " + keyLine + " (that key's id is " + keyId(key) + "): the file was damaged or"
                    + " edited");
        }
        return key;
    }

    private static byte[] base64(String text, String source, int line) throws KeyFileException {
        byte[] key;
        try {
            // RFC 4648 with padding, the one spelling encode() writes: Java's decoder would also take it unpadded
            if (text.length() % 4 != 0) {
                throw new IllegalArgumentException("not padded");
            }
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(source + " line " + line + ": the key is not valid base64 (RFC 4648, with"
                    + " padding)");
        }
        if (key.length < JournalOptions.MIN_KEY_BYTES) {
            throw new KeyFileException(source + " line " + line + ": the key is " + key.length + " bytes long; a"
                    + " journal key has at least " + JournalOptions.MIN_KEY_BYTES);
        }
        return key;
    }

    private static void checkLength(int length) {
        if (length < JournalOptions.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a journal key has at least " + JournalOptions.MIN_KEY_BYTES
                    + " bytes, not " + length);
        }
    }

    /** A file that is not a journal key file; the message names the file and, where it can, the line. */
    public static final class KeyFileException extends IOException {
        private static final long serialVersionUID = 1L;

        KeyFileException(String message) {
            super(message);
        }
    }
}
