package io.jenkins.plugins.criticalchangegate.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A set of short texts held as their UTF-8 bytes in an open-addressing table: the keys of the gates an
 * {@code --outcome} export selects. A journal of a million gates holds a million keys; as {@code String}s in a
 * {@code HashSet} they cost about three times their bytes, and a lookup needs a new string per record (issue 17:
 * export memory). Here a key costs one byte array, and a lookup encodes into one reused buffer. Not thread-safe.
 */
final class KeySet {
    private byte[][] slots = new byte[1024][];
    private int[] hashes = new int[1024];
    private int size;
    private byte[] probe = new byte[256];
    private int probeLength;

    /** Adds a key; true when it was not there. */
    boolean add(CharSequence key) {
        encode(key);
        int hash = hash();
        int i = find(hash);
        if (slots[i] != null) {
            return false;
        }
        slots[i] = Arrays.copyOf(probe, probeLength);
        hashes[i] = hash;
        if (++size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    boolean contains(CharSequence key) {
        encode(key);
        return slots[find(hash())] != null;
    }

    int size() {
        return size;
    }

    /** The slot holding the probe, or the empty slot where it would go. */
    private int find(int hash) {
        int mask = slots.length - 1;
        for (int i = hash & mask;; i = (i + 1) & mask) {
            byte[] slot = slots[i];
            if (slot == null || hashes[i] == hash && slot.length == probeLength
                    && Arrays.equals(slot, 0, probeLength, probe, 0, probeLength)) {
                return i;
            }
        }
    }

    private void grow() {
        byte[][] oldSlots = slots;
        int[] oldHashes = hashes;
        slots = new byte[oldSlots.length * 2][];
        hashes = new int[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int j = 0; j < oldSlots.length; j++) {
            if (oldSlots[j] != null) {
                int i = oldHashes[j] & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = oldSlots[j];
                hashes[i] = oldHashes[j];
            }
        }
    }

    /** The key's UTF-8 into {@link #probe}: ASCII in place; other text (rare in keys) through {@code String}. */
    private void encode(CharSequence key) {
        int n = key.length();
        if (n > probe.length) {
            probe = new byte[Math.max(n, probe.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = key.toString().getBytes(StandardCharsets.UTF_8);
                if (utf8.length > probe.length) {
                    probe = new byte[utf8.length];
                }
                System.arraycopy(utf8, 0, probe, 0, utf8.length);
                probeLength = utf8.length;
                return;
            }
            probe[i] = (byte) c;
        }
        probeLength = n;
    }

    /** FNV-1a over the probe's bytes, then mixed so that the table's low bits spread. */
    private int hash() {
        int h = 0x811C9DC5;
        for (int i = 0; i < probeLength; i++) {
            h = (h ^ probe[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
