package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import java.util.Objects;

/**
 * Where a record stands in the audit journal: its sequence number and chain hash. What an attestation names as the
 * journal record of the decision, so an auditor finds the same decision in the journal ({@code audit verify}
 * checks that the record with this sequence number has this hash).
 */
public final class JournalPlace {
    private final long seq;
    private final String hash;

    public JournalPlace(long seq, String hash) {
        if (seq < 0) {
            throw new IllegalArgumentException("a journal sequence number is never negative: " + seq);
        }
        this.seq = seq;
        this.hash = Objects.requireNonNull(hash, "hash");
    }

    public long getSeq() {
        return seq;
    }

    public String getHash() {
        return hash;
    }

    @Override
    public String toString() {
        return seq + ":" + hash;
    }
}
