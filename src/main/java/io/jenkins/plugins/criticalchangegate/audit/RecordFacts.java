package io.jenkins.plugins.criticalchangegate.audit;

/**
 * What can be learnt about one journal line without looking at any other line: whether it is canonical (and if not,
 * why), its {@code seq}, where its {@code prev} and {@code time} are, whether it is a {@code JOURNAL_CREATED} record,
 * and its hash under the journal's chain function. This is the costly part of verification (issue 17: SHA-256 or
 * HMAC per record), so the parallel verifier computes it for many lines at once; {@link ChainLinks} then checks, in
 * order, what links the lines (seq, prev, head). A reusable cursor: not thread-safe.
 */
final class RecordFacts {
    /** Whether the line is a canonical record; when not, {@link #error} and {@link #errorAt} say why. */
    boolean canonical;
    String error = "";
    int errorAt;
    long seq;
    int prevAt;
    int timeAt;
    boolean journalCreated;
    /**
     * Whether the line's {@code hash} is the chain function of its content; then the 64 hex digits at
     * {@link #hashAt(int)} are that hash, which the in-order checks compare as text.
     */
    boolean hashMatches;
    private final byte[] computed = new byte[ChainHash.LENGTH];
    private final byte[] computedHex = new byte[2 * ChainHash.LENGTH];

    /**
     * Learns the facts of {@code b[start, end)}, a line without its line feed.
     *
     * @param chain the chain function the key given to the verifier implies: the only one under which a journal can
     *     verify (the first record is refused if it names another), so lines can be hashed before it is read
     */
    void learn(CanonicalScanner scanner, ChainHash chain, byte[] b, int start, int end) {
        learnScanned(scanner, chain, b, start, end, scanner.scan(b, start, end));
    }

    /**
     * Learns the facts of a line the scanner has just scanned ({@link CanonicalScanner#scan} or, accepted,
     * {@link CanonicalScanner#scanLine}), so that the verifier's hashing threads scan each line once.
     *
     * @param scanned what the scan answered
     */
    void learnScanned(CanonicalScanner scanner, ChainHash chain, byte[] b, int start, int end, boolean scanned) {
        canonical = scanned;
        seq = scanner.seq;
        if (!canonical) {
            error = scanner.error;
            errorAt = scanner.errorAt;
            hashMatches = false;
            return;
        }
        prevAt = scanner.prevAt;
        timeAt = scanner.timeAt;
        journalCreated = RecordTypes.isJournalCreated(b, scanner.typeAt, scanner.typeEnd);
        hashMatches = hashMatches(b, start, end, chain);
    }

    /**
     * Where the 64 hex digits of a canonical line's {@code hash} start: the scanner accepted only a line that ends in
     * {@code ,"hash":"<64 hex>"}}.
     *
     * @param end where the line ends, at its line feed
     */
    static int hashAt(int end) {
        return end - 2 - 2 * ChainHash.LENGTH;
    }

    /**
     * Whether a canonical line's hash is the chain function of its body: the line up to the comma before
     * {@code "hash"}, plus a closing brace (docs/audit.md, "How the chain is computed"). The computed hash is written
     * as hex and compared with the line's as text: one vectorised comparison instead of 64 digit look-ups.
     */
    private boolean hashMatches(byte[] b, int start, int end, ChainHash chain) {
        int bodyEnd = end - RecordFormat.HASH_SUFFIX_LENGTH;
        chain.hashBody(b, start, bodyEnd - start, computed);
        Hex.encode(computed, computedHex);
        int at = hashAt(end);
        return java.util.Arrays.equals(computedHex, 0, computedHex.length, b, at, at + computedHex.length);
    }

    /** Whether verification cannot go past this line, whatever the lines before it hold. */
    boolean stopsVerification() {
        return !canonical || !hashMatches;
    }
}
