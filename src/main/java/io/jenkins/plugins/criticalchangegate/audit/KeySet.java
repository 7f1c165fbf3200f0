package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A set of short texts held as their UTF-8 bytes, packed one after another in large shared pages, with an
 * open-addressing table of where each one is: the keys of the gates an {@code --outcome} export selects. A journal of a
 * million gates holds a million keys; as {@code String}s in a {@code HashSet} they cost about three times their bytes,
 * as one array each still about twice (issue 17: export memory). Here a key costs its bytes and 16 bytes per table slot (at most two thirds full),
 * and a set of keys that are prefixes of another set's keys ({@link #sharing}, {@link #addPrefix}) costs no bytes of
 * its own. Comparisons are exact, byte for byte.
 *
 * <p>Adding is for one thread; once every key is added and the set handed to other threads (a thread start or a
 * blocking queue orders the writes before), {@link #contains(CharSequence, Probe)} may run in many threads at once,
 * each with its own {@link Probe}.
 */
final class KeySet {
    private static final int PAGE = 1 << 20;
    private final Pages pages;
    /**
     * Two longs per slot, side by side so that a look at a slot is one cache line: where its key is in {@link #pages}
     * plus one (0: an empty slot), then the key's hash (high half) and length (low half).
     */
    private long[] slots = new long[2 * 1024];
    private int size;
    private final Probe probe = new Probe();
    private long lastRef;

    KeySet() {
        this(new Pages());
    }

    private KeySet(Pages pages) {
        this.pages = pages;
    }

    /** An empty set over this one's bytes, for keys that are prefixes of this one's ({@link #addPrefix}). */
    KeySet sharing() {
        return new KeySet(pages);
    }

    /** The UTF-8 of a key, as a lookup encodes it: one per thread. */
    static final class Probe {
        private byte[] bytes = new byte[256];
        private int length;
        /** The last key looked up, in which set, and the answer. */
        private byte[] last = new byte[256];
        private int lastLength = -1;
        @CheckForNull
        private KeySet lastSet;
        private boolean lastAnswer;
        /** The set's size then: an answer is no longer known once keys were added. */
        private int lastSize;

        private void remember(KeySet set, int setSize, byte[] key, int length, boolean answer) {
            if (last.length < length) {
                last = new byte[Math.max(length, 2 * last.length)];
            }
            System.arraycopy(key, 0, last, 0, length);
            lastLength = length;
            lastSet = set;
            lastSize = setSize;
            lastAnswer = answer;
        }

        /** The key's UTF-8 in place: ASCII directly; other text (rare in keys) through {@code String}. */
        void encode(CharSequence key) {
            encode(key, key.length());
        }

        /** {@link #encode(CharSequence)} of the key's first {@code n} characters. */
        void encode(CharSequence key, int n) {
            if (n > bytes.length) {
                bytes = new byte[Math.max(n, bytes.length * 2)];
            }
            for (int i = 0; i < n; i++) {
                char c = key.charAt(i);
                if (c >= 0x80) {
                    byte[] utf8 = key.subSequence(0, n).toString().getBytes(StandardCharsets.UTF_8);
                    if (utf8.length > bytes.length) {
                        bytes = new byte[utf8.length];
                    }
                    System.arraycopy(utf8, 0, bytes, 0, utf8.length);
                    length = utf8.length;
                    return;
                }
                bytes[i] = (byte) c;
            }
            length = n;
        }

    }

    /** The pages the keys' bytes are packed into; a key never spans two pages. */
    private static final class Pages {
        private byte[][] pages = new byte[4][];
        private int count;
        private int used;

        long store(byte[] bytes, int length) {
            if (count == 0 || used + length > pages[count - 1].length) {
                if (count == pages.length) {
                    pages = Arrays.copyOf(pages, count * 2);
                }
                pages[count++] = new byte[Math.max(PAGE, length)];
                used = 0;
            }
            System.arraycopy(bytes, 0, pages[count - 1], used, length);
            long ref = (long) (count - 1) << 32 | used;
            used += length;
            return ref;
        }

        boolean equals(long ref, byte[] bytes, int length) {
            int at = (int) ref;
            return Arrays.equals(pages[(int) (ref >>> 32)], at, at + length, bytes, 0, length);
        }
    }

    /** Adds a key; true when it was not there. {@link #lastRef} then says where its bytes are. */
    boolean add(CharSequence key) {
        probe.encode(key);
        return add(probe.bytes, probe.length);
    }

    /** {@link #add(CharSequence)} of the key's UTF-8, {@code key[0, length)}. */
    boolean add(byte[] key, int length) {
        return add(key, length, hash(key, length));
    }

    /** {@link #add(byte[], int)} of a key whose {@link #hash} is known. */
    boolean add(byte[] key, int length, int hash) {
        int i = find(hash, key, length);
        if (slots[2 * i] != 0) {
            lastRef = slots[2 * i] - 1;
            return false;
        }
        lastRef = pages.store(key, length);
        put(i, lastRef, hash, length);
        return true;
    }

    /** Where the bytes of the key last given to {@link #add} are, for {@link #addPrefix} on a set sharing them. */
    long lastRef() {
        return lastRef;
    }

    /**
     * Adds the first {@code length} characters of {@code key}, the key at {@code ref} (the UTF-8 of a prefix that ends
     * before a line feed is a prefix of the UTF-8), without storing its bytes again.
     */
    void addPrefix(CharSequence key, int length, long ref) {
        probe.encode(key, length);
        addPrefix(probe.bytes, probe.length, ref);
    }

    /** {@link #addPrefix(CharSequence, int, long)} of the UTF-8 {@code key[0, length)}. */
    void addPrefix(byte[] key, int length, long ref) {
        addPrefix(key, length, ref, hash(key, length));
    }

    /** {@link #addPrefix(byte[], int, long)} of a key whose {@link #hash} is known. */
    void addPrefix(byte[] key, int length, long ref, int hash) {
        int i = find(hash, key, length);
        if (slots[2 * i] == 0) {
            put(i, ref, hash, length);
        }
    }

    /**
     * Reads the slot where a key of this hash is looked for first. A thread about to add many keys reads all their
     * slots first, so that the cache and TLB misses of a large table overlap rather than come one after another (issue
     * 17: one by one, they made the thread adding the keys of {@code --outcome}'s first pass its slowest).
     */
    long touch(int hash) {
        return slots[2 * (hash & (slots.length / 2 - 1))];
    }

    /** FNV-1a over the key's bytes, then MurmurHash3's finaliser, so that the table's low bits spread. */
    static int hash(byte[] key, int length) {
        int h = 0x811C9DC5;
        for (int i = 0; i < length; i++) {
            h = (h ^ key[i]) * 0x01000193;
        }
        h = (h ^ (h >>> 16)) * 0x85EBCA6B;
        h = (h ^ (h >>> 13)) * 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    private void put(int i, long ref, int hash, int length) {
        slots[2 * i] = ref + 1;
        slots[2 * i + 1] = (long) hash << 32 | length;
        if (++size * 3 > slots.length) { // two thirds of slots.length / 2
            grow();
        }
    }

    /** Whether the key is there (the adding thread's lookup). */
    boolean contains(CharSequence key) {
        return contains(key, probe);
    }

    /**
     * Whether the key is there; safe in several threads at once, each with its own probe. The records of a gate mostly
     * follow one another, so the probe remembers its last answer for this set: the same key again costs a comparison,
     * not a look into the table (which, large, is a cache miss or two).
     */
    boolean contains(CharSequence key, Probe own) {
        own.encode(key);
        return contains(own.bytes, own.length, own);
    }

    /** {@link #contains(CharSequence, Probe)} of the UTF-8 {@code key[0, length)}. */
    boolean contains(byte[] key, int length, Probe own) {
        if (own.lastSet == this && own.lastSize == size && own.lastLength == length
                && Arrays.equals(own.last, 0, length, key, 0, length)) {
            return own.lastAnswer;
        }
        boolean answer = slots[2 * find(hash(key, length), key, length)] != 0;
        own.remember(this, size, key, length, answer);
        return answer;
    }

    int size() {
        return size;
    }

    /** The slot holding the key, or the empty slot where it would go. */
    private int find(int hash, byte[] key, int length) {
        int mask = slots.length / 2 - 1;
        long tag = (long) hash << 32 | length;
        for (int i = hash & mask;; i = (i + 1) & mask) {
            long ref = slots[2 * i];
            if (ref == 0 || slots[2 * i + 1] == tag && pages.equals(ref - 1, key, length)) {
                return i;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length / 2 - 1;
        for (int j = 0; j < old.length; j += 2) {
            if (old[j] != 0) {
                int i = (int) (old[j + 1] >>> 32) & mask;
                while (slots[2 * i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[2 * i] = old[j];
                slots[2 * i + 1] = old[j + 1];
            }
        }
    }
}
