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
    /** Whether the line's {@code hash} is the chain function of its content ({@link #computed}). */
    boolean hashMatches;
    final byte[] computed = new byte[ChainHash.LENGTH];

    /**
     * Learns the facts of {@code b[start, end)}, a line without its line feed.
     *
     * @param chain the chain function the key given to the verifier implies: the only one under which a journal can
     *     verify (the first record is refused if it names another), so lines can be hashed before it is read
     */
    void learn(CanonicalScanner scanner, ChainHash chain, byte[] b, int start, int end) {
        canonical = scanner.scan(b, start, end);
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
        hashMatches = RecordFormat.hashMatches(b, start, end - start, chain, computed);
    }

    /** Whether verification cannot go past this line, whatever the lines before it hold. */
    boolean stopsVerification() {
        return !canonical || !hashMatches;
    }
}
