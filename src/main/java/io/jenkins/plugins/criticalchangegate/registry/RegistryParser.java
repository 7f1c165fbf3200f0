package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a registry file (format version 1, docs/registry.md): strict UTF-8, YAML (JSON being YAML) composed into a
 * node tree with SnakeYAML under hard limits, then validated by {@link FormatVersion1}. Every problem comes back as
 * a {@link RegistryException} with {@code FILE:LINE:COLUMN: message} entries: malformed YAML, a document that is too
 * large, too deep or too full of aliases, bytes that are not UTF-8, and every rule of the format, all at once.
 *
 * <p>Only the node tree is built, never Java objects: no tag of the document can instantiate anything.
 */
public final class RegistryParser {
    private static final Logger LOGGER = Logger.getLogger(RegistryParser.class.getName());

    /** The limits a registry must keep; generous for real registries (100,000 systems fit), fatal for bombs. */
    static final class Limits {
        /** The real limits. */
        static final Limits DEFAULT = new Limits(32 * 1024 * 1024, 64L * 1024 * 1024, 4_000_000, 20, 50);

        final int maxCodePoints;
        final long maxFileBytes;
        final int maxNodes;
        final int maxNesting;
        final int maxAliases;

        Limits(int maxCodePoints, long maxFileBytes, int maxNodes, int maxNesting, int maxAliases) {
            this.maxCodePoints = maxCodePoints;
            this.maxFileBytes = maxFileBytes;
            this.maxNodes = maxNodes;
            this.maxNesting = maxNesting;
            this.maxAliases = maxAliases;
        }
    }

    private RegistryParser() {
    }

    /**
     * Parses and validates registry text.
     *
     * @param yamlText the file's content
     * @param sourceName how messages name the file
     */
    public static Registry parse(String yamlText, String sourceName) throws RegistryException {
        return parse(yamlText, sourceName, Limits.DEFAULT);
    }

    /**
     * Reads, parses and validates a registry file. A missing or unreadable file is a RegistryException too, named
     * after the file.
     */
    public static Registry parse(Path file) throws RegistryException {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = read(file, Limits.DEFAULT.maxFileBytes);
        } catch (NoSuchFileException e) {
            throw new RegistryException(new RegistryProblem(source, 1, 1, "no such file"));
        } catch (IOException e) {
            throw new RegistryException(new RegistryProblem(source, 1, 1, "cannot read the file: " + e));
        }
        return parse(bytes, source);
    }

    /** Parses and validates a registry given as bytes, which must be UTF-8 (an initial byte order mark is allowed). */
    public static Registry parse(byte[] utf8, String sourceName) throws RegistryException {
        return parse(decode(utf8, sourceName), sourceName, Limits.DEFAULT);
    }

    /**
     * Parses and validates a registry given as UTF-8 bytes, with a maximum approvalTimeout shorter than the format's
     * own 365d: a system or default asking for more is a problem at its place, like any other.
     *
     * @param maxApprovalTimeout the longest approvalTimeout accepted, positive and at most 365d
     * @throws IllegalArgumentException if the maximum is not positive or longer than 365d
     */
    public static Registry parse(byte[] utf8, String sourceName, Duration maxApprovalTimeout)
            throws RegistryException {
        checkMaximum(maxApprovalTimeout);
        return parse(decode(utf8, sourceName), sourceName, Limits.DEFAULT, maxApprovalTimeout);
    }

    static void checkMaximum(Duration maxApprovalTimeout) {
        if (maxApprovalTimeout.isNegative() || maxApprovalTimeout.isZero()
                || maxApprovalTimeout.compareTo(FormatVersion1.MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the maximum approval timeout must be longer than 0 and at most 365d,"
                    + " not " + maxApprovalTimeout);
        }
    }

    /**
     * The longest approvalTimeout the registry format allows (365d); {@link #parse(byte[], String, Duration)} may set
     * less.
     */
    public static Duration maxApprovalTimeout() {
        return FormatVersion1.MAX_TIMEOUT;
    }

    /**
     * Reads at most {@code maxBytes} of a file, failing without reading more when it is larger.
     *
     * @throws IOException naming the size when the file is larger than the limit, or why it cannot be read
     */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory");
        }
        if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
            throw new IOException("larger than " + maxBytes + " bytes: a registry is never that large");
        }
        // bounded even if the file grows meanwhile, or is a pipe that reports no size
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new IOException("larger than " + maxBytes + " bytes: a registry is never that large");
            }
            return bytes;
        }
    }

    /** The largest registry file read, in bytes. */
    public static long maxFileBytes() {
        return Limits.DEFAULT.maxFileBytes;
    }

    static Registry parse(String yamlText, String sourceName, Limits limits) throws RegistryException {
        return parse(yamlText, sourceName, limits, FormatVersion1.MAX_TIMEOUT);
    }

    private static Registry parse(String yamlText, String sourceName, Limits limits, Duration maxApprovalTimeout)
            throws RegistryException {
        Registry streamed = streamed(yamlText, sourceName, limits, maxApprovalTimeout);
        return streamed != null ? streamed : parse(yamlText, sourceName, limits, maxApprovalTimeout, root -> { });
    }

    /**
     * Reads the document as a whole node tree, the reading that reports every problem (the streamed one gives up on
     * the first and comes here).
     *
     * @param tree given the document's node tree, before it is validated (lint reads it again for warnings)
     */
    static Registry parse(String yamlText, String sourceName, Limits limits, Duration maxApprovalTimeout,
            java.util.function.Consumer<Node> tree) throws RegistryException {
        List<RegistryProblem> tags = new ArrayList<>();
        Node root = compose(yamlText, sourceName, limits, tags);
        tree.accept(root);
        return new FormatVersion1(sourceName, maxApprovalTimeout).read(root, tags);
    }

    /**
     * Reads a valid document without its node tree, the systems entry by entry ({@link StreamedReading}).
     *
     * @return the registry, or {@code null} when the document must be read as a whole tree: it has a problem of any
     *     kind (reported by that reading, with its place), or is not in the order the streamed reading needs
     * @throws RegistryException only for what {@link #checkText} finds, before any YAML is read
     */
    @CheckForNull
    static Registry streamed(String text, String sourceName, Limits limits, Duration maxApprovalTimeout)
            throws RegistryException {
        checkText(text, sourceName, limits);
        StreamedReading stream = new FormatVersion1(sourceName, maxApprovalTimeout).streamed();
        LoaderOptions options = options(limits);
        BoundedComposer composer = new BoundedComposer(RegistryEvents.parser(text, options), options,
                limits.maxNodes, sourceName, new ArrayList<>(), stream);
        try {
            Node root = composer.getSingleNode();
            return root == null ? null : stream.finish(root);
        } catch (RuntimeException e) {
            // malformed YAML, a limit, a problem, a tag: whatever it is, the whole tree's reading reports it
            LOGGER.log(Level.FINEST, "registry " + sourceName + " read as a whole tree", e);
            return null;
        }
    }

    /** Strict UTF-8: the first malformed byte is reported with its line and column. */
    static String decode(byte[] bytes, String sourceName) throws RegistryException {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        } else if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
            throw new RegistryException(new RegistryProblem(sourceName, 1, 1, "the file is UTF-16 (it starts with a"
                    + " UTF-16 byte order mark): save it as UTF-8"));
        }
        if (start == 0 && isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII); // valid UTF-8 as it is, and decoded in one pass
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            throw new RegistryException(new RegistryProblem(sourceName, lineOf(bytes, offset), columnOf(bytes, offset),
                    String.format("the file is not valid UTF-8: byte 0x%02X at offset %d; save it as UTF-8",
                            bytes[offset] & 0xFF, offset)));
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new RegistryException(new RegistryProblem(sourceName, 1, 1, "the file is not valid UTF-8"));
        }
        out.flip();
        return out.toString();
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The column in characters, counting each UTF-8 sequence once. */
    private static int columnOf(byte[] bytes, int offset) {
        int column = 1;
        for (int i = offset - 1; i >= 0 && bytes[i] != '\n'; i--) {
            if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return column;
    }

    /** @param tags where the explicit tags found are reported (a problem each), to go with the format's problems */
    private static Node compose(String text, String sourceName, Limits limits, List<RegistryProblem> tags)
            throws RegistryException {
        checkText(text, sourceName, limits);
        LoaderOptions options = options(limits);
        BoundedComposer composer = new BoundedComposer(RegistryEvents.parser(text, options), options,
                limits.maxNodes, sourceName, tags, null);
        try {
            Node root = composer.getSingleNode();
            if (root == null) {
                throw new RegistryException(new RegistryProblem(sourceName, 1, 1, "the file is empty: a registry"
                        + " starts with 'version: 1' (see docs/registry.md)"));
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            if (mark == null) {
                mark = composer.lastMark;
            }
            throw new RegistryException(problemAt(sourceName, mark, "malformed YAML: " + YamlWording.of(e)));
        } catch (YAMLException e) {
            // limits (nesting, aliases, code points) come without a mark: use the last node reached
            LOGGER.log(Level.FINE, "registry " + sourceName + " refused", e);
            throw new RegistryException(problemAt(sourceName, composer.lastMark, "refused: " + e.getMessage()));
        } catch (BoundedComposer.NodeLimitExceeded e) {
            throw new RegistryException(problemAt(sourceName, e.mark, "refused: the document has more than "
                    + limits.maxNodes + " YAML nodes; a registry is never that large"));
        }
    }

    /** What is checked of the text before it is read as YAML: its size and its characters. */
    private static void checkText(String text, String sourceName, Limits limits) throws RegistryException {
        if (text.length() > limits.maxCodePoints) {
            throw new RegistryException(new RegistryProblem(sourceName, 1, 1, "the file is too large ("
                    + text.length() + " characters, at most " + limits.maxCodePoints + " are read)"));
        }
        checkCharacters(text, sourceName);
    }

    static LoaderOptions options(Limits limits) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(limits.maxCodePoints);
        options.setNestingDepthLimit(limits.maxNesting);
        options.setMaxAliasesForCollections(limits.maxAliases);
        options.setAllowDuplicateKeys(false); // FormatVersion1 reports duplicates itself, with both places
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        options.setMergeOnCompose(false);
        options.setWrappedToRootException(false);
        options.setTagInspector(tag -> false); // no global tag may ever name a class
        return options;
    }

    static RegistryProblem problemAt(String sourceName, @CheckForNull Mark mark,
            String message) {
        return mark == null ? new RegistryProblem(sourceName, 1, 1, message)
                : new RegistryProblem(sourceName, mark.getLine() + 1, mark.getColumn() + 1, message);
    }

    /**
     * YAML forbids most control characters; finding them here gives a line and column (SnakeYAML reports only an
     * offset) and a message that names the character.
     */
    private static void checkCharacters(String text, String sourceName) throws RegistryException {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            char unit = text.charAt(i);
            int c = Character.isSurrogate(unit) ? text.codePointAt(i) : unit;
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0x7E || c == 0x85
                    || c >= 0xA0 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
            if (!allowed) {
                throw new RegistryException(new RegistryProblem(sourceName, line, column, String.format(
                        "character U+%04X is not allowed in YAML (a binary file, or a control character pasted"
                                + " in?)", c)));
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += Character.charCount(c);
        }
    }
}
