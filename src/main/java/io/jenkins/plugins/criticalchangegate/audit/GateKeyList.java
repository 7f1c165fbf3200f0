package io.jenkins.plugins.criticalchangegate.audit;

import java.util.Arrays;

/**
 * The keys of the gates that the lines of one batch end with the wanted outcome, as a worker of {@code --outcome}'s
 * first pass builds them ({@link GateEndScan}), on their way to the in-order stage, which adds them to the set
 * ({@link GateOutcomes#add}): the workers build keys side by side and one thread adds them, in the journal's order and
 * without a lock (issue 17: two workers adding under one lock left a core idle for a third of the first pass). Each key
 * is kept with the length of its build key, its start ({@link GateOutcomes}). Reused with its batch, it grows to the
 * most keys a batch has held. Not thread-safe: the batch's hand-overs order its writes before its reads.
 */
final class GateKeyList {
    private final ByteText bytes = new ByteText();
    /** Where each key ends in {@link #bytes}, and the length of its build key. */
    private int[] ends = new int[64];
    private int[] buildLengths = new int[64];
    /** The keys' hashes ({@link KeySet#hash}), worked out by the worker that found them, and their build keys'. */
    private int[] hashes = new int[64];
    private int[] buildHashes = new int[64];
    private int count;

    void clear() {
        bytes.clear();
        count = 0;
    }

    /** Adds the gate key {@code key[0, length)}, whose first {@code buildLength} bytes are its build key. */
    void add(byte[] key, int length, int buildLength) {
        if (buildLength < 0 || buildLength > length) {
            throw new IllegalArgumentException("a build key of " + buildLength + " bytes in a gate key of " + length);
        }
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, 2 * count);
            buildLengths = Arrays.copyOf(buildLengths, 2 * count);
            hashes = Arrays.copyOf(hashes, 2 * count);
            buildHashes = Arrays.copyOf(buildHashes, 2 * count);
        }
        bytes.append(key, 0, length);
        ends[count] = bytes.length();
        buildLengths[count] = buildLength;
        hashes[count] = KeySet.hash(key, length);
        buildHashes[count] = KeySet.hash(key, buildLength);
        count++;
    }

    int size() {
        return count;
    }

    int hash(int i) {
        return hashes[i];
    }

    int buildHash(int i) {
        return buildHashes[i];
    }

    /** Puts key {@code i} (from 0) into {@code into}, emptied first; returns the length of its build key. */
    int key(int i, ByteText into) {
        int start = i == 0 ? 0 : ends[i - 1];
        into.clear();
        into.append(bytes.array(), start, ends[i] - start);
        return buildLengths[i];
    }
}
